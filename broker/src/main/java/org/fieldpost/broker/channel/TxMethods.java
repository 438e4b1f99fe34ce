package org.fieldpost.broker.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.transport.FrameWriter;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.method.AmqpConfirm;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpTx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel's mode: plain, publisher confirms (class {@code confirm}) or local transactions
 * (class {@code tx}). The two modes exclude each other, as in RabbitMQ. In a transaction,
 * publishes and settlements are buffered as {@link TxAction}s and applied at {@code tx.commit}.
 *
 * <p>Concurrency: confined to the event loop.
 */
final class TxMethods {
    private static final Logger LOG = LoggerFactory.getLogger(TxMethods.class);
    private final ServerChannel channel;
    private final List<TxAction> pending = new ArrayList<>();
    /** Completes when the reply to the latest tx.commit has been handed to the event loop. */
    private CompletableFuture<Void> replies = CompletableFuture.completedFuture(null);
    private boolean transactional;
    private boolean confirming;

    TxMethods(ServerChannel channel) {
        this.channel = channel;
    }

    void handle(AmqpMethod method) throws ProtocolException {
        if (method instanceof AmqpConfirm.Select select) {
            if (transactional) {
                throw new ProtocolException(ReplyCode.PRECONDITION_FAILED,
                    "PRECONDITION_FAILED - cannot switch from tx to confirm mode");
            }
            confirming = true;
            if (!select.nowait()) {
                channel.send(new AmqpConfirm.SelectOk());
            }
        } else if (method instanceof AmqpTx.Select) {
            if (confirming) {
                throw new ProtocolException(ReplyCode.PRECONDITION_FAILED,
                    "PRECONDITION_FAILED - cannot switch from confirm to tx mode");
            }
            transactional = true;
            channel.send(new AmqpTx.SelectOk());
        } else if (method instanceof AmqpTx.Commit) {
            requireTransactional();
            commit();
        } else if (method instanceof AmqpTx.Rollback) {
            requireTransactional();
            discard();
            channel.send(new AmqpTx.RollbackOk());
        } else {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID,
                "COMMAND_INVALID - unexpected " + method.methodName());
        }
    }

    /**
     * Applies the buffered actions, recording their store work in one store transaction, and sends
     * {@code tx.commit-ok} once that transaction is durable. Replies leave in the order of the
     * commits. If the store fails the channel is closed with 541 INTERNAL_ERROR: the client never
     * gets a commit-ok for work that was not stored (what the broker already did in memory is not
     * undone; after a restart the store has none of the transaction).
     */
    private void commit() {
        List<TxAction> actions = new ArrayList<>(pending);
        pending.clear();
        TxCommit work = new TxCommit(channel.host().virtualHost().beginStoreTransaction());
        for (TxAction action : actions) {
            action.commit(work);
        }
        CompletableFuture<Throwable> outcome = work.commit().handle((ok, failure) -> failure);
        FrameWriter writer = channel.host().writer();
        replies = replies.thenCompose(previous -> outcome)
            .thenAccept(failure -> writer.execute(() -> {
                committed(failure);
                writer.flushNow(); // the client waits for commit-ok: not behind the tasks queued meanwhile
            }))
            .exceptionally(unexpected -> null);
    }

    private void committed(Throwable failure) {
        if (failure == null) {
            if (channel.isOpen()) {
                channel.send(new AmqpTx.CommitOk());
            }
            return;
        }
        LOG.error("FP-H001 tx.commit failed in the store; closing the channel", failure);
        AmqpTx.Commit commitMethod = new AmqpTx.Commit();
        channel.closeWithError(ProtocolError.of(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - store failure")
            .at(commitMethod.classId(), commitMethod.methodId()));
    }

    private void requireTransactional() throws ProtocolException {
        if (!transactional) {
            throw new ProtocolException(ReplyCode.PRECONDITION_FAILED,
                "PRECONDITION_FAILED - channel is not transactional");
        }
    }

    boolean transactional() {
        return transactional;
    }

    boolean confirming() {
        return confirming;
    }

    /** Buffers work until commit. */
    void enlist(TxAction action) {
        pending.add(action);
    }

    /** Rolls back everything buffered (on tx.rollback and when the channel closes). */
    void discard() {
        List<TxAction> actions = new ArrayList<>(pending);
        pending.clear();
        for (int i = actions.size() - 1; i >= 0; i--) {
            actions.get(i).rollback();
        }
    }

    /** Work done at commit or undone at rollback. */
    interface TxAction {
        /** Applies the action, recording its store work in {@code commit}. */
        void commit(TxCommit commit);

        void rollback();
    }
}
