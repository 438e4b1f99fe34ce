package org.fieldpost.jms.amqp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.TagMap;
import org.fieldpost.protocol.content.Content;
import org.fieldpost.protocol.content.ContentAssembler;
import org.fieldpost.protocol.frame.Frame;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpChannel;
import org.fieldpost.protocol.method.AmqpConfirm;
import org.fieldpost.protocol.method.AmqpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClientChannel} of a {@link NettyConnection}: RPC continuations, content assembly, publisher
 * confirms, server-initiated cancel and close.
 *
 * <p>Concurrency: all mutable state is confined to the connection's I/O thread except the volatile
 * fields; public methods post tasks there.
 */
final class NettyChannel implements ClientChannel {
    private static final Logger LOG = LoggerFactory.getLogger(NettyChannel.class);

    private final NettyConnection connection;
    private final int number;
    private final ChannelListener listener;
    private final ContentAssembler assembler = new ContentAssembler();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final TagMap<CompletableFuture<Void>> unconfirmed = new TagMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile State state = State.OPENING;
    private volatile AmqpException failure;
    private volatile int epoch;
    private boolean confirming;
    private long nextPublishSeq = 1;
    /** A delivery went to the listener in the current read; I/O thread only. */
    private boolean deliveredInRead;

    private enum State { OPENING, OPEN, CLOSING, CLOSED }

    /** A request awaiting its reply. */
    private record Pending(AmqpMethod request, CompletableFuture<Object> reply) {
    }

    NettyChannel(NettyConnection connection, int number, ChannelListener listener) {
        this.connection = connection;
        this.number = number;
        this.listener = listener;
    }

    /** I/O thread: the read that brought deliveries to this channel is over. */
    void endOfRead() {
        deliveredInRead = false;
        listener.onDeliveriesEnd();
    }

    /** I/O thread: sends channel.open. */
    CompletableFuture<Void> open() {
        return callRaw(new AmqpChannel.Open("")).thenRun(() -> {
            if (state == State.OPENING) {
                state = State.OPEN;
            }
        });
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public CompletableFuture<AmqpMethod> call(AmqpMethod method) {
        return callRaw(method).thenApply(AmqpMethod.class::cast);
    }

    private CompletableFuture<Object> callRaw(AmqpMethod method) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        connection.execute(() -> {
            if (!usable()) {
                reply.completeExceptionally(notOpen());
                return;
            }
            if (method instanceof AmqpConfirm.Select) {
                confirming = true;
            }
            try {
                connection.writeMethod(number, method);
            } catch (IllegalArgumentException e) {
                reply.completeExceptionally(e);
                return;
            }
            pending.add(new Pending(method, reply));
        });
        return reply;
    }

    @Override
    public void send(AmqpMethod method) {
        connection.execute(() -> {
            if (usable()) {
                connection.writeMethod(number, method);
            }
        });
    }

    @Override
    public void sendComputed(Supplier<? extends Collection<? extends AmqpMethod>> methods) {
        connection.execute(() -> {
            Collection<? extends AmqpMethod> computed = methods.get();
            if (usable()) {
                for (AmqpMethod method : computed) {
                    connection.writeMethod(number, method);
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> enableConfirms() {
        return callRaw(new AmqpConfirm.Select(false)).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Void> publish(String exchange, String routingKey, BasicProperties properties,
        byte[] body) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        ByteBuf frames;
        try {
            // Encoded here, on the publisher's thread: the I/O thread, which many connections share (and an
            // embedded broker too), only writes.
            frames = connection.encodeContent(number, new AmqpBasic.Publish(0, exchange, routingKey, false, false),
                properties, body);
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(e);
            return result;
        }
        // Counted from here until the frames reach Netty, whose own outbound accounting takes over.
        long queuedBytes = frames.readableBytes();
        connection.gate().enqueued(queuedBytes);
        connection.execute(() -> {
            try {
                writePublish(frames, result);
            } finally {
                connection.gate().dequeued(queuedBytes);
            }
        });
        return result;
    }

    /** I/O thread: the publish itself. */
    private void writePublish(ByteBuf frames, CompletableFuture<Void> result) {
        if (!usable()) {
            frames.release();
            result.completeExceptionally(notOpen());
            return;
        }
        if (confirming) {
            unconfirmed.put(nextPublishSeq++, result);
            connection.write(frames);
        } else {
            connection.write(frames).addListener(f -> {
                if (f.isSuccess()) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(new AmqpException("publish failed", f.cause()));
                }
            });
        }
    }

    @Override
    public CompletableFuture<Void> recover() {
        return callRaw(new AmqpBasic.Recover(true)).thenApply(r -> null);
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public CompletableFuture<Void> close() {
        connection.execute(() -> {
            if (state == State.CLOSING || state == State.CLOSED) {
                if (state == State.CLOSED) {
                    closed.complete(null);
                }
                return;
            }
            state = State.CLOSING;
            failPending(new AmqpException(ProtocolError.of(ReplyCode.REPLY_SUCCESS, "channel closed"), false));
            if (!connection.isUsable()) {
                finish();
                return;
            }
            connection.writeMethod(number, new AmqpChannel.Close(ReplyCode.REPLY_SUCCESS.code(), "OK", 0, 0));
        });
        return closed;
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public AmqpException failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "channel " + number + " of " + connection;
    }

    // ---- I/O thread

    private boolean usable() {
        return (state == State.OPEN || state == State.OPENING) && connection.isUsable();
    }

    private AmqpException notOpen() {
        AmqpException f = failure;
        if (f != null) {
            return f;
        }
        return connection.isUsable()
            ? new AmqpException(ProtocolError.of(ReplyCode.CHANNEL_ERROR, "channel " + number + " is closed"), false)
            : connection.notOpen();
    }

    void onFrame(Frame frame) throws ProtocolException {
        if (frame instanceof Frame.MethodFrame m) {
            if (!assembler.onMethod(m.method())) {
                onMethod(m.method());
            }
        } else if (frame instanceof Frame.HeaderFrame h) {
            Content content = assembler.onHeader(h);
            if (content != null) {
                onContent(content);
            }
        } else if (frame instanceof Frame.BodyFrame b) {
            Content content = assembler.onBody(b);
            if (content != null) {
                onContent(content);
            }
        }
    }

    private void onMethod(AmqpMethod method) {
        if (method instanceof AmqpChannel.Close close) {
            connection.writeMethod(number, new AmqpChannel.CloseOk());
            ReplyCode code = ReplyCode.of(close.replyCode());
            ProtocolError error = new ProtocolError(code == null ? ReplyCode.INTERNAL_ERROR : code, close.replyText(),
                close.failingClassId(), close.failingMethodId());
            boolean ours = state == State.CLOSING;
            closeWith(new AmqpException(error, false), !ours);
        } else if (method instanceof AmqpChannel.CloseOk) {
            finish();
        } else if (state == State.CLOSING || state == State.CLOSED) {
            return;
        } else if (method instanceof AmqpBasic.Ack ack) {
            confirm(ack.deliveryTag(), ack.multiple(), null);
        } else if (method instanceof AmqpBasic.Nack nack) {
            confirm(nack.deliveryTag(), nack.multiple(), new AmqpException(ProtocolError.of(ReplyCode.INTERNAL_ERROR,
                "the broker refused the message (basic.nack)"), false));
        } else if (method instanceof AmqpBasic.Cancel cancel) {
            if (!cancel.nowait()) {
                connection.writeMethod(number, new AmqpBasic.CancelOk(cancel.consumerTag()));
            }
            listener.onCancel(cancel.consumerTag());
        } else if (method instanceof AmqpChannel.Flow flow) {
            connection.writeMethod(number, new AmqpChannel.FlowOk(flow.active()));
        } else if (method instanceof AmqpBasic.GetEmpty) {
            complete(null);
        } else {
            if (method instanceof AmqpBasic.RecoverOk) {
                epoch++;
            }
            complete(method);
        }
    }

    private void onContent(Content content) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        if (content.method() instanceof AmqpBasic.Deliver d) {
            listener.onDelivery(new Delivery(d.consumerTag(), d.deliveryTag(), d.redelivered(), d.exchange(),
                d.routingKey(), content.properties(), content.body(), epoch));
            if (!deliveredInRead) {
                deliveredInRead = true;
                connection.deliveredInRead(this);
            }
        } else if (content.method() instanceof AmqpBasic.GetOk g) {
            complete(new Delivery("", g.deliveryTag(), g.redelivered(), g.exchange(), g.routingKey(),
                content.properties(), content.body(), epoch));
        } else if (content.method() instanceof AmqpBasic.Return r) {
            LOG.debug("FP-C010 message returned by the broker: {} {}", r.replyCode(), r.replyText());
        }
    }

    private void complete(Object reply) {
        Pending p = pending.poll();
        if (p == null) {
            LOG.warn("FP-C011 unsolicited reply on {}: {}", this, reply);
            return;
        }
        p.reply().complete(reply);
    }

    private void confirm(long tag, boolean multiple, AmqpException nack) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        if (multiple) {
            unconfirmed.removeUpTo(tag, done::add);
        } else {
            CompletableFuture<Void> one = unconfirmed.remove(tag);
            if (one != null) {
                done.add(one);
            }
        }
        for (CompletableFuture<Void> f : done) {
            if (nack == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(nack);
            }
        }
    }

    /** The connection closed or failed; {@code notify} unless the application closed it. */
    void connectionGone(AmqpException cause, boolean notify) {
        closeWith(cause, notify && state != State.CLOSING);
    }

    private void closeWith(AmqpException cause, boolean notify) {
        if (state == State.CLOSED) {
            return;
        }
        failure = cause;
        // Closed before the pending futures complete, so that their callers see a closed channel.
        state = State.CLOSED;
        failPending(cause);
        finish();
        if (notify) {
            try {
                listener.onClosed(cause);
            } catch (RuntimeException e) {
                LOG.warn("FP-C012 channel listener failed", e);
            }
        }
    }

    private void finish() {
        state = State.CLOSED;
        assembler.reset();
        AmqpException gone = failure != null ? failure
            : new AmqpException(ProtocolError.of(ReplyCode.REPLY_SUCCESS, "channel closed"), false);
        failPending(gone);
        connection.release(number, this);
        closed.complete(null);
    }

    private void failPending(AmqpException cause) {
        for (Pending p : pending) {
            p.reply().completeExceptionally(cause);
        }
        pending.clear();
        for (CompletableFuture<Void> f : unconfirmed.values()) {
            f.completeExceptionally(cause);
        }
        unconfirmed.clear();
    }
}
