package org.fieldpost.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.broker.security.PasswordHash;
import org.fieldpost.broker.security.PasswordVerifier;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.wire.RawAmqpClient;
import org.fieldpost.broker.wire.RawAmqpClient.Args;
import org.fieldpost.broker.wire.RawAmqpClient.ConnectionClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Passwords are verified off the event loops: a broker with one I/O thread, whose password check the test
 * holds until it lets it go, keeps serving its other connections meanwhile (spec 2.2.4 lets the server take
 * its time before {@code connection.tune}; the client waits for it).
 */
class LoginVerificationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int CONNECTION = RawAmqpClient.CLASS_CONNECTION;

    /** Users given as hashes, which a login verifies with PBKDF2; carol's password is configured in plain text. */
    private static final String ALICE = PasswordHash.hash("a-secret");
    private static final String BOB = PasswordHash.hash("b-secret");

    private final HeldVerifier verifier = new HeldVerifier();

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(b -> b.ioThreads(1).store(StoreType.MEMORY)
        .user("alice", ALICE).user("bob", BOB).user("carol", "c-secret").passwordVerifier(verifier));

    @AfterEach
    void letAnyHeldVerificationGo() {
        verifier.release();
    }

    @Test
    void anOpenConnectionKeepsPublishingAndConsumingWhileAnotherLoginIsVerified() throws Exception {
        Channel alice = login("alice", "a-secret").createChannel();
        String queue = alice.queueDeclare().getQueue();
        verifier.hold();

        CompletableFuture<Connection> bob = CompletableFuture.supplyAsync(() -> login("bob", "b-secret"));
        verifier.awaitHeld();

        alice.basicPublish("", queue, null, "while bob logs in".getBytes(StandardCharsets.UTF_8));
        GetResponse got = await().atMost(PATIENCE).until(() -> alice.basicGet(queue, true), r -> r != null);
        assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("while bob logs in");
        assertThat(bob).as("bob's password is still being verified").isNotDone();

        verifier.release();
        assertThat(bob.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).isOpen()).isTrue();
        assertThat(broker.connectionCount()).isEqualTo(2);
    }

    @Test
    void aReconnectWithTheSamePasswordIsNotVerifiedAgain() {
        login("alice", "a-secret").abort();
        verifier.hold();

        Connection again = login("alice", "a-secret");

        assertThat(again.isOpen()).isTrue();
        assertThat(verifier.verifications()).isEqualTo(1);
    }

    @Test
    void aPasswordConfiguredInPlainTextIsNotVerifiedWithPbkdf2ButAWrongOneIs() throws IOException {
        verifier.hold();

        assertThat(login("carol", "c-secret").isOpen()).isTrue();
        assertThat(verifier.verifications()).isZero();

        verifier.release();
        try (RawAmqpClient client = startLogin("carol", "wrong")) {
            assertThat(client.awaitConnectionClose().replyCode()).isEqualTo(403);
        }
        assertThat(verifier.verifications()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsRefusedAsBeforeOnceVerified() throws IOException {
        try (RawAmqpClient client = startLogin("alice", "wrong")) {
            ConnectionClose close = client.awaitConnectionClose();

            assertThat(close).isEqualTo(new ConnectionClose(403, "ACCESS_REFUSED - Login was refused using "
                + "authentication mechanism PLAIN. For details see the broker logfile.", CONNECTION, 11));
        }
    }

    /** Only a misbehaving client sends more before connection.tune: a connection error names the method. */
    @Test
    void aMethodPipelinedBehindStartOkIsACommandInvalidConnectionError() throws IOException {
        verifier.hold();
        try (RawAmqpClient client = startLogin("bob", "b-secret")) {
            verifier.awaitHeld();

            client.sendMethod(0, CONNECTION, 31, new Args().shortint(2047).longint(131072).shortint(0).bytes());

            assertThat(client.awaitConnectionClose()).isEqualTo(new ConnectionClose(503,
                "COMMAND_INVALID - unexpected connection.tune-ok while authenticating", CONNECTION, 31));
            verifier.release();
            client.sendConnectionCloseOk();
            assertThat(client.awaitEof(PATIENCE)).isTrue();
        }
        assertThat(verifier.awaitFinished(1)).isTrue();
    }

    /** A client that gives up waiting may still close politely. */
    @Test
    void aClientMayCloseWhileItsLoginIsVerified() throws IOException {
        verifier.hold();
        try (RawAmqpClient client = startLogin("bob", "b-secret")) {
            verifier.awaitHeld();

            client.sendMethod(0, CONNECTION, 50, new Args().shortint(200).shortstr("bye").shortint(0).shortint(0)
                .bytes());

            client.expectMethod(0, CONNECTION, 51);
            assertThat(client.awaitEof(PATIENCE)).isTrue();
        }
        verifier.release();
        assertThat(verifier.awaitFinished(1)).isTrue();
    }

    @Test
    void aClientThatHangsUpWhileItsLoginIsVerifiedLeavesNothingBehind() throws IOException {
        verifier.hold();
        try (RawAmqpClient client = startLogin("bob", "b-secret")) {
            verifier.awaitHeld();
            client.abort();
        }

        verifier.release();
        assertThat(verifier.awaitFinished(1)).isTrue();

        Channel alice = login("alice", "a-secret").createChannel();
        assertThat(alice.queueDeclare().getQueue()).isNotEmpty();
        assertThat(broker.connectionCount()).isEqualTo(1);
    }

    private Connection login(String user, String password) {
        ConnectionFactory factory = broker.connectionFactory();
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setChannelRpcTimeout((int) PATIENCE.toMillis());
        try {
            return broker.track(factory.newConnection());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the protocol header and a PLAIN start-ok; the broker is then verifying the password. */
    private RawAmqpClient startLogin(String user, String password) throws IOException {
        RawAmqpClient client = RawAmqpClient.connect(broker.host(), broker.port());
        client.sendRaw(RawAmqpClient.PROTOCOL_HEADER);
        client.expectMethod(0, CONNECTION, 10);
        byte[] response = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        client.sendMethod(0, CONNECTION, 11, new Args().table(new byte[0]).shortstr("PLAIN").longstr(response)
            .shortstr("en_US").bytes());
        return client;
    }

    /** PBKDF2, but held at its start while the test says so. */
    private static final class HeldVerifier implements PasswordVerifier {
        private final Semaphore held = new Semaphore(0);
        private final Semaphore finished = new Semaphore(0);
        private final AtomicInteger verifications = new AtomicInteger();
        private volatile CountDownLatch gate;

        /** Verifications from now on wait for {@link #release()}; {@link #awaitFinished} counts from here. */
        void hold() {
            finished.drainPermits();
            gate = new CountDownLatch(1);
        }

        void release() {
            CountDownLatch current = gate;
            gate = null;
            if (current != null) {
                current.countDown();
            }
        }

        /** Waits until a verification is being held. */
        void awaitHeld() {
            try {
                assertThat(held.tryAcquire(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("a verification held")
                    .isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        boolean awaitFinished(int count) {
            try {
                return finished.tryAcquire(count, PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        int verifications() {
            return verifications.get();
        }

        @Override
        public boolean verify(String password, String storedHash) {
            verifications.incrementAndGet();
            CountDownLatch current = gate;
            if (current != null) {
                held.release();
                try {
                    current.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                return PasswordHash.verify(password, storedHash);
            } finally {
                finished.release();
            }
        }
    }
}
