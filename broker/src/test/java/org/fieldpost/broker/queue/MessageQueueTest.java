package org.fieldpost.broker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.junit.jupiter.api.Test;

class MessageQueueTest {

    private final QueueFixture fx = new QueueFixture();

    @Test
    void deliversInFifoOrderWithoutPriorities() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        q.enqueue(fx.message("a", 9, null));
        q.enqueue(fx.message("b", 0, null));
        q.enqueue(fx.message("c", 5, null));
        TestConsumer c = new TestConsumer("c", 10);

        q.addConsumer(c, false);

        assertThat(c.bodies()).containsExactly("a", "b", "c");
        assertThat(q.messageCount()).isZero();
        assertThat(q.unacknowledgedCount()).isEqualTo(3);
    }

    @Test
    void ordersByPriorityThenArrivalAndCapsAtMaxPriority() throws Exception {
        MessageQueue q = fx.queue(Map.of("x-max-priority", 5));
        q.enqueue(fx.message("low1", 1, null));
        q.enqueue(fx.message("top1", 9, null));
        q.enqueue(fx.message("mid", 3, null));
        q.enqueue(fx.message("top2", 5, null));
        q.enqueue(fx.message("none", null, null));
        TestConsumer c = new TestConsumer("c", 10);

        q.addConsumer(c, false);

        assertThat(c.bodies()).containsExactly("top1", "top2", "mid", "low1", "none");
        assertThat(c.received().get(0).priority()).isEqualTo(5);
    }

    @Test
    void requeuedEntryReturnsToItsOriginalPositionFlaggedRedelivered() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        for (String s : List.of("a", "b", "c", "d")) {
            q.enqueue(fx.message(s));
        }
        QueueEntry a = q.get().join();
        QueueEntry b = q.get().join();

        q.release(b, true);
        q.release(a, true);

        TestConsumer c = new TestConsumer("c", 10);
        q.addConsumer(c, false);
        assertThat(c.bodies()).containsExactly("a", "b", "c", "d");
        QueueEntry again = c.received().get(0);
        assertThat(again.redelivered()).isTrue();
        assertThat(again.deliveryCount()).isEqualTo(1);
        assertThat(c.received().get(2).redelivered()).isFalse();
    }

    @Test
    void releaseWithoutRedeliveredKeepsTheFlagsAndDoubleSettleIsIgnored() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        q.enqueue(fx.message("a"));
        QueueEntry a = q.get().join();

        assertThat(q.release(a, false)).isTrue();
        assertThat(q.release(a, false)).isFalse();
        QueueEntry again = q.get().join();
        assertThat(again.redelivered()).isFalse();
        assertThat(q.acknowledge(again)).isTrue();
        assertThat(q.acknowledge(again)).isFalse();
        assertThat(again.state()).isEqualTo(QueueEntry.State.REMOVED);
        assertThat(q.get().join()).isNull();
    }

    @Test
    void consumerWithoutCreditIsSkippedUntilReady() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        TestConsumer c = new TestConsumer("c", 2);
        q.addConsumer(c, false);
        for (String s : List.of("a", "b", "c", "d")) {
            q.enqueue(fx.message(s));
        }
        assertThat(c.bodies()).containsExactly("a", "b");
        assertThat(q.messageCount()).isEqualTo(2);

        c.addCredit(1);
        q.enqueue(fx.message("e"));
        assertThat(c.bodies()).hasSize(2);

        q.consumerReady(c);
        assertThat(c.bodies()).containsExactly("a", "b", "c");
        c.addCredit(5);
        q.scheduleDispatch();
        assertThat(c.bodies()).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void roundRobinIsFairAmongConsumersWithCredit() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        TestConsumer c1 = new TestConsumer("c1", 100);
        TestConsumer c2 = new TestConsumer("c2", 100);
        TestConsumer c3 = new TestConsumer("c3", 1);
        q.addConsumer(c1, false);
        q.addConsumer(c2, false);
        q.addConsumer(c3, false);

        for (int i = 0; i < 31; i++) {
            q.enqueue(fx.message("m" + i));
        }

        assertThat(c3.bodies()).containsExactly("m2");
        assertThat(c1.bodies()).hasSize(15).startsWith("m0", "m3", "m5");
        assertThat(c2.bodies()).hasSize(15).startsWith("m1", "m4", "m6");
    }

    @Test
    void messagesAConsumerDoesNotAcceptAreLeftForOthers() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        TestConsumer evens = new TestConsumer("e", 10).accepting(m -> m.id() % 2 == 0);
        q.addConsumer(evens, false);
        for (int i = 1; i <= 4; i++) {
            q.enqueue(fx.message("m" + i));
        }
        assertThat(evens.bodies()).containsExactly("m2", "m4");
        assertThat(q.messageCount()).isEqualTo(2);

        TestConsumer all = new TestConsumer("a", 10);
        q.addConsumer(all, false);
        assertThat(all.bodies()).containsExactly("m1", "m3");
    }

    @Test
    void noAckConsumerEntriesAreForgottenAtDelivery() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        TestConsumer c = new TestConsumer("c", 10, true, new Object());
        q.addConsumer(c, false);
        q.enqueue(fx.message("a"));

        assertThat(c.received().get(0).state()).isEqualTo(QueueEntry.State.REMOVED);
        assertThat(q.unacknowledgedCount()).isZero();
    }

    @Test
    void exclusiveConsumerRules() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        TestConsumer first = new TestConsumer("1", 1);
        q.addConsumer(first, true);

        assertThatThrownBy(() -> q.addConsumer(new TestConsumer("2", 1), false))
            .satisfies(e -> assertThat(code(e)).isEqualTo(ReplyCode.ACCESS_REFUSED));
        q.removeConsumer(first);
        q.addConsumer(new TestConsumer("3", 1), false);
        assertThatThrownBy(() -> q.addConsumer(new TestConsumer("4", 1), true))
            .satisfies(e -> assertThat(code(e)).isEqualTo(ReplyCode.ACCESS_REFUSED))
            .hasMessageContaining("in exclusive use");
    }

    @Test
    void rejectDeadLettersOnlyWithADeadLetterExchange() throws Exception {
        MessageQueue plain = fx.queue(Map.of());
        plain.enqueue(fx.message("a"));
        plain.reject(plain.get().join());
        assertThat(fx.deadLetters).isEmpty();
        assertThat(plain.messageCount()).isZero();

        MessageQueue dl = fx.queue(Map.of("x-dead-letter-exchange", "dlx"));
        dl.enqueue(fx.message("b"));
        QueueEntry b = dl.get().join();
        assertThat(dl.reject(b)).isTrue();
        assertThat(fx.deadLetters).containsExactly("b:rejected");
    }

    @Test
    void perQueueTtlExpiresAtDispatchAndDeadLetters() throws Exception {
        MessageQueue q = fx.queue(Map.of("x-message-ttl", 1000, "x-dead-letter-exchange", "dlx"));
        q.enqueue(fx.message("old"));
        fx.clock.advance(600);
        q.enqueue(fx.message("young"));
        fx.clock.advance(500);

        TestConsumer c = new TestConsumer("c", 10);
        q.addConsumer(c, false);

        assertThat(c.bodies()).containsExactly("young");
        assertThat(fx.deadLetters).containsExactly("old:expired");
    }

    @Test
    void smallerOfMessageExpirationAndQueueTtlWins() throws Exception {
        MessageQueue q = fx.queue(Map.of("x-message-ttl", 1000, "x-dead-letter-exchange", "dlx"));
        q.enqueue(fx.message("short", null, "100"));
        q.enqueue(fx.message("long", null, "5000"));
        fx.clock.advance(101);

        assertThat(q.expireMessages()).isEqualTo(1);
        assertThat(fx.deadLetters).containsExactly("short:expired");
        fx.clock.advance(900);
        assertThat(q.get().join()).isNull();
        assertThat(fx.deadLetters).containsExactly("short:expired", "long:expired");
    }

    @Test
    void sweepExpiresHeadsWithoutConsumersAndStopsAtTheFirstLiveEntry() throws Exception {
        MessageQueue q = fx.queue(Map.of("x-dead-letter-exchange", "dlx"));
        q.enqueue(fx.message("a", null, "10"));
        q.enqueue(fx.message("b", null, "1000"));
        q.enqueue(fx.message("c", null, "10"));
        fx.clock.advance(20);

        assertThat(q.expireMessages()).isEqualTo(1);
        assertThat(fx.deadLetters).containsExactly("a:expired");
        assertThat(q.messageCount()).isEqualTo(2);
    }

    @Test
    void zeroTtlDeliversToAWaitingConsumerOrExpiresAtOnce() throws Exception {
        MessageQueue q = fx.queue(Map.of("x-message-ttl", 0, "x-dead-letter-exchange", "dlx"));
        q.enqueue(fx.message("nobody"));
        assertThat(fx.deadLetters).containsExactly("nobody:expired");

        TestConsumer c = new TestConsumer("c", 1);
        q.addConsumer(c, false);
        q.enqueue(fx.message("taken"));
        assertThat(c.bodies()).containsExactly("taken");
    }

    @Test
    void maxLengthDropHeadDeadLettersTheOldest() throws Exception {
        MessageQueue q = fx.queue(Map.of("x-max-length", 2, "x-dead-letter-exchange", "dlx"));
        for (String s : List.of("a", "b", "c", "d")) {
            assertThat(q.enqueue(fx.message(s))).isEqualTo(EnqueueResult.ACCEPTED);
        }
        assertThat(q.messageCount()).isEqualTo(2);
        assertThat(fx.deadLetters).containsExactly("a:maxlen", "b:maxlen");
        assertThat(q.get().join().message().body()).isEqualTo("c".getBytes());
    }

    @Test
    void maxLengthBytesCountsBodies() throws Exception {
        MessageQueue q = fx.queue(Map.of("x-max-length-bytes", 10));
        q.enqueue(fx.message("12345"));
        q.enqueue(fx.message("67890"));
        q.enqueue(fx.message("abc"));
        assertThat(q.messageCount()).isEqualTo(2);
        assertThat(q.messageBytes()).isEqualTo(8);
    }

    @Test
    void rejectPublishRefusesWhenFull() throws Exception {
        MessageQueue q = fx.queue(Map.of("x-max-length", 1, "x-overflow", "reject-publish",
            "x-dead-letter-exchange", "dlx"));
        assertThat(q.enqueue(fx.message("a"))).isEqualTo(EnqueueResult.ACCEPTED);
        assertThat(q.enqueue(fx.message("b"))).isEqualTo(EnqueueResult.REJECTED);
        assertThat(fx.deadLetters).isEmpty();

        MessageQueue dlx = fx.queue(Map.of("x-max-length", 0, "x-overflow", "reject-publish-dlx",
            "x-dead-letter-exchange", "dlx"));
        assertThat(dlx.enqueue(fx.message("c"))).isEqualTo(EnqueueResult.REJECTED);
        assertThat(fx.deadLetters).containsExactly("c:maxlen");
    }

    @Test
    void purgeRemovesOnlyAvailableMessages() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        for (String s : List.of("a", "b", "c")) {
            q.enqueue(fx.message(s));
        }
        QueueEntry a = q.get().join();

        assertThat(q.purge()).isEqualTo(2);
        assertThat(q.messageCount()).isZero();
        q.release(a, true);
        assertThat(q.messageCount()).isEqualTo(1);
    }

    @Test
    void deleteChecksConditionsAndCancelsConsumers() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        TestConsumer c = new TestConsumer("c", 0);
        q.addConsumer(c, false);
        q.enqueue(fx.message("a"));

        assertThatThrownBy(() -> q.delete(true, false)).hasMessageContaining("in use")
            .satisfies(e -> assertThat(code(e)).isEqualTo(ReplyCode.PRECONDITION_FAILED));
        assertThatThrownBy(() -> q.delete(false, true)).hasMessageContaining("not empty");

        assertThat(q.delete(false, false)).isEqualTo(1);
        assertThat(c.cancelled()).isTrue();
        assertThat(q.enqueue(fx.message("b"))).isEqualTo(EnqueueResult.DISCARDED);
        assertThat(q.delete(false, false)).isZero();
        assertThatThrownBy(() -> q.addConsumer(c, false))
            .satisfies(e -> assertThat(code(e)).isEqualTo(ReplyCode.NOT_FOUND));
    }

    @Test
    void autoDeleteIsRequestedWhenTheLastConsumerGoes() throws Exception {
        MessageQueue q = fx.queue(Map.of(), true);
        TestConsumer c1 = new TestConsumer("1", 1);
        TestConsumer c2 = new TestConsumer("2", 1);
        q.addConsumer(c1, false);
        q.addConsumer(c2, false);

        q.removeConsumer(c1);
        assertThat(fx.autoDeleted).isEmpty();
        q.removeConsumer(c2);
        assertThat(fx.autoDeleted).containsExactly(q);
    }

    @Test
    void removedConsumerKeepsItsEntriesUntilReleased() throws Exception {
        MessageQueue q = fx.queue(Map.of());
        TestConsumer c = new TestConsumer("c", 5);
        q.addConsumer(c, false);
        q.enqueue(fx.message("a"));
        q.removeConsumer(c);

        assertThat(q.unacknowledgedCount()).isEqualTo(1);
        q.release(c.received().get(0), true);
        assertThat(q.messageCount()).isEqualTo(1);
    }

    @Test
    void xExpiresCountsUnusedTime() throws Exception {
        MessageQueue q = fx.queue(Map.of("x-expires", 1000));
        fx.clock.advance(999);
        assertThat(q.isExpiredUnused()).isFalse();
        q.get().join();
        fx.clock.advance(999);
        assertThat(q.isExpiredUnused()).isFalse();
        TestConsumer c = new TestConsumer("c", 1);
        q.addConsumer(c, false);
        fx.clock.advance(5000);
        assertThat(q.isExpiredUnused()).isFalse();
        q.removeConsumer(c);
        fx.clock.advance(1000);
        assertThat(q.isExpiredUnused()).isTrue();
    }

    private static ReplyCode code(Throwable e) {
        return ((ProtocolException) e).error().code();
    }
}
