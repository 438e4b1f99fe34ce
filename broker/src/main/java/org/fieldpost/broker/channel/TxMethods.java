package org.fieldpost.broker.channel;

import java.util.ArrayList;
import java.util.List;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.method.AmqpConfirm;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpTx;

/**
 * The channel's mode: plain, publisher confirms (class {@code confirm}) or local transactions
 * (class {@code tx}). The two modes exclude each other, as in RabbitMQ. In a transaction,
 * publishes and settlements are buffered as {@link TxAction}s and applied at {@code tx.commit}.
 *
 * <p>Concurrency: confined to the event loop.
 */
final class TxMethods {
    private final ServerChannel channel;
    private final List<TxAction> pending = new ArrayList<>();
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
            List<TxAction> actions = new ArrayList<>(pending);
            pending.clear();
            for (TxAction action : actions) {
                action.commit();
            }
            channel.send(new AmqpTx.CommitOk());
        } else if (method instanceof AmqpTx.Rollback) {
            requireTransactional();
            discard();
            channel.send(new AmqpTx.RollbackOk());
        } else {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID,
                "COMMAND_INVALID - unexpected " + method.methodName());
        }
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
        void commit();

        void rollback();
    }
}
