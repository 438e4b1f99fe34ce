package org.fieldpost.broker.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the packaged broker with SIGKILL under load, again and again, and checks the promises of
 * a durable store:
 * <ul>
 *   <li>every confirmed persistent message is consumed at least once (during the run or from what is
 *       left at the end); nothing unconfirmed is counted as lost;
 *   <li>a message delivered more than once carries {@code redelivered=true} on every later delivery;
 *   <li>a {@code tx.commit} of three publishes and one ack is all or nothing after the restart, and
 *       every transaction whose commit-ok arrived is there;
 *   <li>a transactional consumer of those replies, committing while the transactions that published
 *       them may still be in flight, never commits a reply whose publishing transaction is then
 *       lost, and a reply it committed never comes back;
 *   <li>a second broker on the same data directory is refused while the first runs.
 * </ul>
 * The number of kill cycles is {@code -Dfieldpost.crash.cycles} (5 in CI, 50 with {@code -Psoak});
 * the kill moments come from {@code -Dfieldpost.crash.seed} (random by default, printed).
 */
class CrashRecoveryIT {

    private static final List<String> QUEUES = List.of("work-0", "work-1", "work-2", "work-3");
    private static final int REQUESTS_PER_CYCLE = 400;

    @TempDir
    Path scratch;

    @Test
    void confirmedMessagesSurviveRepeatedKillsExactlyAsPromised() throws Exception {
        int cycles = Integer.getInteger("fieldpost.crash.cycles", 5);
        long seed = Long.getLong("fieldpost.crash.seed", System.nanoTime());
        System.out.printf("crash test: %d cycles, seed %d%n", cycles, seed);
        Random random = new Random(seed);
        Path data = scratch.resolve("data");
        Path log = Path.of("target", "crash-test", "broker-" + seed + ".log");
        CrashWorkload load = new CrashWorkload(QUEUES);

        try (BrokerProcess first = BrokerProcess.start(data, log)) {
            load.setUp(first.connectionFactory(), REQUESTS_PER_CYCLE * cycles);
            BrokerProcess.Refusal refusal = BrokerProcess.startRefused(data, scratch.resolve("second.log"));
            assertThat(refusal.exitCode()).isEqualTo(2);
            assertThat(refusal.output()).contains("is in use by another Fieldpost broker");
            first.kill();
        }
        for (int cycle = 1; cycle <= cycles; cycle++) {
            BrokerProcess broker = BrokerProcess.start(data, log);
            List<Thread> threads = load.start(broker.connectionFactory());
            long runMillis = 1000 + random.nextInt(2500);
            long until = System.currentTimeMillis() + runMillis;
            await().atMost(Duration.ofMillis(runMillis + 5_000)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.currentTimeMillis() >= until);
            broker.kill();
            for (Thread t : threads) {
                t.join(30_000);
            }
            System.out.printf("cycle %d: killed after %d ms; sent %d, confirmed %d, delivered %d, tx %d%n", cycle,
                runMillis, load.sent.size(), load.confirmed.size(), load.deliveries.size(),
                load.committedRequests.size());
        }
        List<String> replies;
        List<String> requestsLeft;
        try (BrokerProcess last = BrokerProcess.start(data, log);
             Connection c = last.connectionFactory().newConnection()) {
            Channel ch = c.createChannel();
            load.drainWorkQueues(ch);
            replies = CrashWorkload.drain(ch, CrashWorkload.TX_OUT);
            requestsLeft = CrashWorkload.drain(ch, CrashWorkload.TX_IN);
        }

        assertThat(load.confirmed).as("confirmed messages (a vacuous run proves nothing)").hasSizeGreaterThan(100);
        checkConfirmedMessages(load);
        checkTransactions(load, replies, requestsLeft, REQUESTS_PER_CYCLE * cycles);
        assertThat(Files.readString(log)).doesNotContain("FP-S012");
    }

    private static void checkConfirmedMessages(CrashWorkload load) {
        Set<String> lost = new HashSet<>(load.confirmed);
        lost.removeAll(load.deliveries.keySet());
        assertThat(lost).as("confirmed but never delivered").isEmpty();
        // a set difference, not AssertJ's containsAll: that scans the actual set once per expected
        // element, quadratic in the number of messages (minutes once the broker got faster)
        Set<String> unknown = new HashSet<>(load.deliveries.keySet());
        unknown.removeAll(load.sent);
        assertThat(unknown).as("delivered but never sent").isEmpty();
        List<String> unflagged = new ArrayList<>();
        int duplicates = 0;
        for (Map.Entry<String, List<Boolean>> e : load.deliveries.entrySet()) {
            List<Boolean> flags = e.getValue();
            if (flags.size() > 1) {
                duplicates++;
                if (flags.subList(1, flags.size()).contains(false)) {
                    unflagged.add(e.getKey() + " " + flags);
                }
            }
        }
        assertThat(unflagged).as("delivered again without the redelivered flag").isEmpty();
        System.out.printf("%d confirmed, %d delivered, %d delivered more than once (all flagged redelivered)%n",
            load.confirmed.size(), load.deliveries.size(), duplicates);
    }

    /**
     * Each worker transaction is whole or absent: its request gone and its three replies stored
     * (each one consumed during the run or left at the end), or its request left and no reply of it
     * consumed with a commit-ok. A reply whose consumer's commit-ok arrived never comes back, and a
     * request whose commit-ok arrived is done.
     */
    private static void checkTransactions(CrashWorkload load, List<String> replies, List<String> requestsLeft,
                                          int requests) {
        assertThat(new HashSet<>(replies)).as("no reply stored twice").hasSameSizeAs(replies);
        assertThat(new HashSet<>(requestsLeft)).as("no request stored twice").hasSameSizeAs(requestsLeft);
        Set<String> resurrected = new HashSet<>(replies);
        resurrected.retainAll(load.committedReplies);
        assertThat(resurrected).as("replies consumed with a commit-ok that came back").isEmpty();
        Set<String> seen = new HashSet<>(replies);
        seen.addAll(load.consumedReplies);
        Map<String, Integer> repliesPerRequest = countPerRequest(seen);
        Map<String, Integer> committedPerRequest = countPerRequest(load.committedReplies);
        Set<String> left = new HashSet<>(requestsLeft);
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String request = "request-" + i;
            int count = repliesPerRequest.getOrDefault(request, 0);
            boolean done = count == CrashWorkload.REPLIES_PER_REQUEST && !left.contains(request);
            boolean untouched = left.contains(request) && !committedPerRequest.containsKey(request)
                && replies.stream().noneMatch(r -> r.startsWith(request + "/"));
            if (!done && !untouched) {
                broken.add(request + ": " + count + " replies seen, " + committedPerRequest.getOrDefault(request, 0)
                    + " consumed with commit-ok, request " + (left.contains(request) ? "left" : "gone"));
            }
            if (load.committedRequests.contains(request) && !done) {
                broken.add(request + ": commit-ok was received but the transaction is not there");
            }
        }
        assertThat(broken).as("transactions that are neither whole nor absent").isEmpty();
        System.out.printf("%d transactions committed (%d with commit-ok seen), %d requests left; "
                + "%d replies consumed in transactions (%d with commit-ok), %d left%n",
            requests - left.size(), load.committedRequests.size(), left.size(), load.consumedReplies.size(),
            load.committedReplies.size(), replies.size());
    }

    private static Map<String, Integer> countPerRequest(Set<String> replies) {
        Map<String, Integer> perRequest = new HashMap<>();
        for (String reply : replies) {
            perRequest.merge(reply.substring(0, reply.indexOf('/')), 1, Integer::sum);
        }
        return perRequest;
    }
}
