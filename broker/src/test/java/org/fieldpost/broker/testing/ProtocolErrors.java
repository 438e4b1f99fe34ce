package org.fieldpost.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Assertions on how the broker reports protocol errors to a RabbitMQ Java client: a soft error closes
 * the channel with {@code channel.close}, a hard error closes the connection with {@code connection.close}.
 */
public final class ProtocolErrors {

    /** How long a test waits for an asynchronous close to reach the client. */
    public static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

    private ProtocolErrors() {
    }

    /**
     * Runs {@code action}, expects it to fail because the broker closed {@code channel} with
     * {@code channel.close(replyCode)}, and checks that the connection stays open.
     */
    public static void assertChannelError(Channel channel, int replyCode, ThrowingCallable action) {
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).as("the broker should refuse the operation with %d", replyCode).isNotNull();
        ShutdownSignalException signal = shutdownSignal(thrown);
        assertThat(signal).as("a ShutdownSignalException in the cause chain of %s", thrown).isNotNull();
        assertChannelCloseReason(signal, replyCode);
        assertThat(channel.isOpen()).as("channel is closed").isFalse();
        assertThat(channel.getConnection().isOpen()).as("a channel error leaves the connection open").isTrue();
    }

    /**
     * Waits until the broker closes {@code channel} (after an asynchronous method such as basic.ack) and
     * checks the reply code; the connection must stay open.
     */
    public static void awaitChannelClosed(Channel channel, int replyCode) {
        await().atMost(CLOSE_DEADLINE).until(() -> !channel.isOpen());
        assertChannelCloseReason(channel.getCloseReason(), replyCode);
        assertThat(channel.getConnection().isOpen()).as("a channel error leaves the connection open").isTrue();
    }

    /** Waits until the broker closes {@code connection} and checks the {@code connection.close} reply code. */
    public static void awaitConnectionClosed(Connection connection, int replyCode) {
        await().atMost(CLOSE_DEADLINE).until(() -> !connection.isOpen());
        assertThat(connectionCloseCode(connection.getCloseReason())).isEqualTo(replyCode);
    }

    /** The reply code of the channel.close or connection.close carried by the first shutdown signal in the chain. */
    public static int replyCode(Throwable thrown) {
        ShutdownSignalException signal = shutdownSignal(thrown);
        assertThat(signal).as("a ShutdownSignalException in the cause chain of %s", thrown).isNotNull();
        Method reason = signal.getReason();
        if (reason instanceof AMQP.Channel.Close) {
            return ((AMQP.Channel.Close) reason).getReplyCode();
        }
        if (reason instanceof AMQP.Connection.Close) {
            return ((AMQP.Connection.Close) reason).getReplyCode();
        }
        throw new AssertionError("not a close method: " + reason, thrown);
    }

    /** The first {@link ShutdownSignalException} in the cause chain, or {@code null}. */
    public static ShutdownSignalException shutdownSignal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException) {
                return (ShutdownSignalException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static void assertChannelCloseReason(ShutdownSignalException signal, int replyCode) {
        assertThat(signal).as("close reason").isNotNull();
        assertThat(signal.isHardError()).as("a channel error, not a connection error: %s", signal).isFalse();
        assertThat(signal.isInitiatedByApplication()).as("closed by the broker").isFalse();
        assertThat(signal.getReason()).isInstanceOf(AMQP.Channel.Close.class);
        assertThat(((AMQP.Channel.Close) signal.getReason()).getReplyCode()).as("channel.close reply-code")
            .isEqualTo(replyCode);
    }

    private static int connectionCloseCode(ShutdownSignalException signal) {
        assertThat(signal).as("close reason").isNotNull();
        assertThat(signal.isHardError()).as("a connection error: %s", signal).isTrue();
        assertThat(signal.getReason()).isInstanceOf(AMQP.Connection.Close.class);
        return ((AMQP.Connection.Close) signal.getReason()).getReplyCode();
    }
}
