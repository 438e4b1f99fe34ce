package org.fieldpost.jms;

import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.fieldpost.jms.message.FieldpostMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session side of the application-server facilities: a session's distinguished {@link MessageListener}
 * ({@code Session.setMessageListener}) and the messages a {@link JmsConnectionConsumer} loaded into the session
 * for {@code Session.run()}, which delivers them to that listener on the calling thread and settles each per the
 * session's mode.
 *
 * <p>A loaded message arrived on the connection consumer's channel, so it is settled there
 * ({@link JmsConnectionConsumer.Loaded#ack()} / {@link JmsConnectionConsumer.Loaded#requeue()}): AUTO and
 * DUPS_OK ack after {@code onMessage} returns and requeue when it throws (spec 8.7); CLIENT_ACKNOWLEDGE acks
 * the session's loaded messages delivered so far on {@code acknowledge()} and requeues them on {@code recover()};
 * a transacted session acks them after its {@code tx.commit} succeeded and requeues them on rollback. The broker
 * flags requeued messages redelivered. The ack follows the commit instead of being part of it (the channels
 * differ), so a failure between the two redelivers a committed message; it never loses one.
 *
 * <p>Concurrency: thread-safe; guarded by {@code this}. {@code run()} calls the listener without holding it.
 */
final class LoadedDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedDeliveries.class);

    private final JmsSession session;
    private final ArrayDeque<JmsConnectionConsumer.Loaded> loaded = new ArrayDeque<>(); // guarded by this
    /** Delivered to the listener, to be settled by acknowledge/commit or recover/rollback. */
    private final List<JmsConnectionConsumer.Loaded> delivered = new ArrayList<>(); // guarded by this
    private volatile MessageListener listener;

    LoadedDeliveries(JmsSession session) {
        this.session = session;
    }

    MessageListener listener() {
        return listener;
    }

    void setListener(MessageListener value) {
        listener = value;
    }

    /** A connection consumer hands over a batch; {@code Session.run()} delivers it. Does not block. */
    void load(List<JmsConnectionConsumer.Loaded> batch) {
        synchronized (this) {
            loaded.addAll(batch);
        }
    }

    /**
     * {@code Session.run()}: delivers the loaded messages to the listener on the calling thread, holding the
     * session's delivery lock as a listener of a consumer would. Without a listener, or while the connection
     * is stopped or the session closed, the messages go back to the broker instead.
     */
    void run() {
        JmsConnectionConsumer.Loaded next;
        while ((next = take()) != null) {
            MessageListener target = listener;
            if (target == null || !session.isStarted()) {
                if (target == null) {
                    LOG.warn("FP-J020 Session.run() on {} without a message listener; the message goes back", session);
                }
                next.requeue();
                continue;
            }
            FieldpostMessage message = next.message();
            // Message.acknowledge() is this session's (it does nothing unless the mode is CLIENT_ACKNOWLEDGE).
            message.setAcknowledger(session::acknowledge);
            boolean ok = session.dispatcher().onCallingThread(target, message);
            settleAfterDelivery(next, ok);
        }
    }

    private synchronized JmsConnectionConsumer.Loaded take() {
        return loaded.poll();
    }

    private void settleAfterDelivery(JmsConnectionConsumer.Loaded item, boolean ok) {
        int mode = session.mode();
        if (mode == Session.AUTO_ACKNOWLEDGE || mode == Session.DUPS_OK_ACKNOWLEDGE) {
            if (ok) {
                item.ack();
            } else {
                item.requeue();
            }
            return;
        }
        synchronized (this) {
            delivered.add(item);
        }
    }

    /** CLIENT_ACKNOWLEDGE {@code acknowledge()}, or a successful commit: acks what was delivered. */
    void ackDelivered() {
        for (JmsConnectionConsumer.Loaded item : takeDelivered()) {
            item.ack();
        }
    }

    /** {@code recover()} or a rollback: what was delivered goes back to the broker, flagged redelivered. */
    void requeueDelivered() {
        for (JmsConnectionConsumer.Loaded item : takeDelivered()) {
            item.requeue();
        }
    }

    /** The session closes: everything loaded or delivered but unsettled goes back to the broker. */
    void close() {
        requeueDelivered();
        JmsConnectionConsumer.Loaded next;
        while ((next = take()) != null) {
            next.requeue();
        }
    }

    private synchronized List<JmsConnectionConsumer.Loaded> takeDelivered() {
        List<JmsConnectionConsumer.Loaded> all = List.copyOf(delivered);
        delivered.clear();
        return all;
    }
}
