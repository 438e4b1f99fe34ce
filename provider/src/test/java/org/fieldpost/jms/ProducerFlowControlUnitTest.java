package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.jms.amqp.AmqpException;
import org.fieldpost.jms.amqp.ChannelListener;
import org.fieldpost.jms.amqp.ClientChannel;
import org.fieldpost.jms.amqp.ClientConnection;
import org.junit.jupiter.api.Test;

/**
 * {@link ProducerFlowControl} against a connection whose flow-control state the test sets: each way
 * a wait ends, and the refusal to wait on the I/O thread.
 */
class ProducerFlowControlUnitTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final StubConnection amqp = new StubConnection();
    private final CompletableFuture<Void> producerClosed = new CompletableFuture<>();

    @Test
    void anOpenGateDoesNotWait() throws JMSException {
        amqp.gate.complete(null);
        amqp.ioThread = true;
        ProducerFlowControl.awaitPermission(amqp, producerClosed, 0);
    }

    @Test
    void refusesToWaitOnTheIoThread() {
        amqp.ioThread = true;
        assertTimeoutPreemptively(DEADLINE, () -> assertThatThrownBy(
            () -> ProducerFlowControl.awaitPermission(amqp, producerClosed, 0))
            .isInstanceOf(java.lang.IllegalStateException.class).hasMessageContaining("I/O thread"));
    }

    @Test
    void timesOutWithResourceAllocationException() {
        amqp.blocked = true;
        assertTimeoutPreemptively(DEADLINE, () -> assertThatThrownBy(
            () -> ProducerFlowControl.awaitPermission(amqp, producerClosed, 50))
            .isInstanceOf(ResourceAllocationException.class).hasMessageContaining("blocked")
            .hasMessageContaining("not sent"));
    }

    @Test
    void closingTheProducerEndsTheWaitWithIllegalStateException() {
        CompletableFuture.runAsync(() -> producerClosed.complete(null));
        assertTimeoutPreemptively(DEADLINE, () -> assertThatThrownBy(
            () -> ProducerFlowControl.awaitPermission(amqp, producerClosed, 0))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("not sent"));
    }

    @Test
    void aLostConnectionEndsTheWaitWithItsFailure() {
        amqp.gate.completeExceptionally(new AmqpException("connection reset", null));
        assertThatThrownBy(() -> ProducerFlowControl.awaitPermission(amqp, producerClosed, 0))
            .isInstanceOf(JMSException.class).isNotInstanceOf(IllegalStateException.class)
            .hasMessageContaining("connection reset");
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ProducerFlowControl.awaitPermission(amqp, producerClosed, 0))
                .isInstanceOf(JMSException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    /** Only what flow control reads. */
    private static final class StubConnection implements ClientConnection {
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        volatile boolean ioThread;
        volatile boolean blocked;

        @Override
        public CompletableFuture<Void> whenPublishable() {
            return gate;
        }

        @Override
        public boolean inIoThread() {
            return ioThread;
        }

        @Override
        public boolean isBlocked() {
            return blocked;
        }

        @Override
        public CompletableFuture<ClientChannel> openChannel(ChannelListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> close() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public AmqpException failure() {
            return null;
        }

        @Override
        public Map<String, Object> serverProperties() {
            return Map.of();
        }

        @Override
        public long frameMax() {
            return 0;
        }

        @Override
        public int heartbeatSeconds() {
            return 0;
        }
    }
}
