package org.fieldpost.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import java.util.concurrent.TimeUnit;
import org.fieldpost.jms.amqp.ClientChannel;
import org.fieldpost.protocol.method.AmqpChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link JmsSession} pauses, resumes and closes, and what its own listeners may not do meanwhile.
 *
 * <ul>
 *   <li>{@link #flow(boolean)}: {@code channel.flow}, so that a stopped connection's sessions take no messages
 *       (the broker offers them to other consumers meanwhile).</li>
 *   <li>{@link #closeResources()}: the order of a close — release the sends parked in flow control (a listener may
 *       be one of them), wait for a running listener, wait for the confirms of asynchronous sends, close the
 *       consumers, give loaded messages back, close the channel (which requeues what was not acknowledged and
 *       discards an open transaction), stop the delivery thread.</li>
 *   <li>The listener rules of the Javadoc of {@code Session.close}, {@code commit} and {@code rollback}: a message
 *       or completion listener must not close its own session (it would deadlock), a completion listener must not
 *       commit or roll it back; the provider throws {@code IllegalStateException}.</li>
 * </ul>
 *
 * <p>Concurrency: {@code flow} is serialized on {@code flowLock}; {@code closeResources} runs once, on the thread
 * that closed the session, and blocks.
 */
final class SessionLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLifecycle.class);
    /** How long a close waits for the confirms of asynchronous sends. */
    private static final long COMPLETION_TIMEOUT_MILLIS = 60_000;

    private final JmsSession session;
    private final ClientChannel channel;
    private final SessionDispatcher dispatcher;
    private final SessionProducers producers;
    private final SessionConsumers consumers;
    private final LoadedDeliveries loaded;
    private final Object flowLock = new Object();
    private boolean flowing = true; // guarded by flowLock

    SessionLifecycle(JmsSession session, ClientChannel channel, SessionDispatcher dispatcher,
        SessionProducers producers, SessionConsumers consumers, LoadedDeliveries loaded) {
        this.session = session;
        this.channel = channel;
        this.dispatcher = dispatcher;
        this.producers = producers;
        this.consumers = consumers;
        this.loaded = loaded;
    }

    /** The session whose MessageListener the current thread is running (not a CompletionListener), or null. */
    static JmsSession messageListenerSession() {
        JmsSession current = SessionDispatcher.callbackSession();
        return current == null || SessionDispatcher.inCompletionListenerOf(current) ? null : current;
    }

    /** Refuses {@code close} from a message or completion listener of {@code session}. */
    static void checkMayClose(JmsSession session) throws IllegalStateException {
        if (SessionDispatcher.callbackSession() == session) {
            throw new IllegalStateException("a message or completion listener must not close its own session");
        }
    }

    /** Refuses {@code what} (commit, rollback) from a completion listener of {@code session}. */
    static void checkNotInCompletionListener(JmsSession session, String what) throws IllegalStateException {
        if (SessionDispatcher.inCompletionListenerOf(session)) {
            throw new IllegalStateException("a CompletionListener must not call " + what + " on its own session");
        }
    }

    /** {@code channel.flow}: pauses or resumes the broker's deliveries to the session's channel. Blocks. */
    void flow(boolean active) throws JMSException {
        synchronized (flowLock) {
            if (flowing == active || session.isClosed() || !channel.isOpen()) {
                return;
            }
            try {
                JmsSession.await(channel.call(new AmqpChannel.Flow(active)), "channel.flow");
                flowing = active;
            } catch (JMSException e) {
                if (!session.isClosed() && channel.isOpen()) {
                    throw e;
                }
            }
        }
    }

    /** Closes what the session holds, in order (see the class comment). The session is already marked closed. */
    void closeResources() {
        producers.closeAll();
        dispatcher.pause();
        if (!dispatcher.inDeliveryThread()) {
            producers.awaitCompletions(COMPLETION_TIMEOUT_MILLIS);
        }
        consumers.closeAll();
        loaded.close();
        try {
            channel.close().get(session.connection().settings().closeTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("FP-J013 channel close did not finish", e);
        }
        dispatcher.shutdown();
    }
}
