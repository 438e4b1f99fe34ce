package org.fieldpost.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fieldpost.jms.amqp.ClientConnection;

/**
 * Producer flow control: every send waits here, before the first frame of its message is written,
 * while the connection does not accept publishes ({@link ClientConnection#whenPublishable()}: the
 * broker sent {@code connection.blocked}, or the client's outbound buffers are full because the
 * broker reads slower than the application sends).
 *
 * <p>The wait ends normally when the connection accepts publishes again. Otherwise the message is
 * not sent and the send throws: {@link ResourceAllocationException} when the send timeout passes
 * first, {@link IllegalStateException} when the producer, its session or its connection is closed
 * meanwhile, the translated failure ({@link JMSException}) when the connection is lost, and a
 * {@link JMSException} when the thread is interrupted (its interrupt flag is kept).
 *
 * <p>Threading: blocks the sending application thread. Waiting on the connection's I/O thread would
 * stop the very reads that end the wait, so there it refuses with a {@link java.lang.IllegalStateException}
 * (the I/O thread never runs application code, so this is a bug in the provider, not in the caller).
 */
final class ProducerFlowControl {

    private ProducerFlowControl() {
    }

    /**
     * Returns once {@code amqp} accepts publishes.
     *
     * @param closed completes when the producer, its session or its connection closes
     * @param timeoutMillis the send timeout; 0 or less waits as long as needed
     */
    static void awaitPermission(ClientConnection amqp, CompletableFuture<Void> closed, long timeoutMillis)
        throws JMSException {
        CompletableFuture<Void> permit = amqp.whenPublishable();
        if (permit.isDone() && !permit.isCompletedExceptionally()) {
            return;
        }
        if (amqp.inIoThread()) {
            throw new java.lang.IllegalStateException("a send must not wait for flow control on the I/O thread of "
                + amqp);
        }
        CompletableFuture<Object> either = CompletableFuture.anyOf(permit, closed);
        try {
            if (timeoutMillis > 0) {
                either.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } else {
                either.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JmsExceptionSupport.withCause(new JMSException("interrupted while the send waited for flow "
                + "control; the message was not sent"), e);
        } catch (TimeoutException e) {
            String why = amqp.isBlocked() ? "the broker has blocked the connection (it is over its memory limit)"
                : "the broker does not read the connection's messages as fast as they are sent";
            throw JmsExceptionSupport.withCause(new ResourceAllocationException(why + "; the message was not sent "
                + "within the send timeout of " + timeoutMillis + " ms (URL option sendTimeout)"), e);
        } catch (ExecutionException e) {
            if (!closed.isDone()) {
                throw JmsExceptionSupport.toJms(e);
            }
        }
        if (closed.isDone()) {
            throw new IllegalStateException("the producer was closed while the send waited for flow control; "
                + "the message was not sent");
        }
    }
}
