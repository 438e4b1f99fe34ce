package org.fieldpost.broker.channel;

import java.util.ArrayDeque;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.content.Content;
import org.fieldpost.protocol.content.ContentAssembler;
import org.fieldpost.protocol.frame.Frame;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpChannel;
import org.fieldpost.protocol.method.AmqpConfirm;
import org.fieldpost.protocol.method.AmqpExchange;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpQueue;
import org.fieldpost.protocol.method.AmqpTx;

/**
 * One AMQP channel: routes its frames to the handler of each AMQP class, assembles published
 * content, and owns the channel's consumers, unacknowledged deliveries, confirm and transaction
 * state.
 *
 * <p>Concurrency: confined to the connection's event loop. Queues reach a channel only through its
 * {@link ChannelConsumer}s, which hand deliveries over to the event loop.
 */
public final class ServerChannel {
    private enum State { OPEN, CLOSING, CLOSED }

    private final int number;
    private final ChannelHost host;
    private final ContentAssembler assembler;
    private final ExchangeMethods exchangeMethods;
    private final QueueMethods queueMethods;
    private final BasicMethods basicMethods;
    private final TxMethods txMethods;
    private final Deliveries deliveries;
    private State state = State.OPEN;
    /** Not null while an answer waits for the store ({@link #holdFrames()}): the frames that came since. */
    private ArrayDeque<Frame> held;

    public ServerChannel(int number, ChannelHost host) {
        this.number = number;
        this.host = host;
        this.assembler = new ContentAssembler(host.maxBodySize());
        this.deliveries = new Deliveries(this);
        this.txMethods = new TxMethods(this);
        this.exchangeMethods = new ExchangeMethods(this);
        this.queueMethods = new QueueMethods(this);
        this.basicMethods = new BasicMethods(this, deliveries, txMethods);
    }

    /**
     * Handles one frame addressed to this channel.
     *
     * @throws ProtocolException for errors that close this channel or (hard errors) the connection
     */
    public void frameReceived(Frame frame) throws ProtocolException {
        if (held != null) {
            held.add(frame);
            return;
        }
        if (state != State.OPEN) {
            whileClosing(frame);
            return;
        }
        if (frame instanceof Frame.MethodFrame methodFrame) {
            AmqpMethod method = methodFrame.method();
            try {
                if (!assembler.onMethod(method)) {
                    dispatch(method);
                }
            } catch (ProtocolException e) {
                ProtocolError error = e.error();
                throw new ProtocolException(
                    error.classId() == 0 ? error.at(method.classId(), method.methodId()) : error);
            }
            return;
        }
        Content content = null;
        if (frame instanceof Frame.HeaderFrame header) {
            content = assembler.onHeader(header);
        } else if (frame instanceof Frame.BodyFrame body) {
            content = assembler.onBody(body);
        }
        if (content != null) {
            basicMethods.published(content);
        }
    }

    private void dispatch(AmqpMethod method) throws ProtocolException {
        switch (method.classId()) {
            case AmqpChannel.CLASS_ID -> channelMethod(method);
            case AmqpExchange.CLASS_ID -> exchangeMethods.handle(method);
            case AmqpQueue.CLASS_ID -> queueMethods.handle(method);
            case AmqpBasic.CLASS_ID -> basicMethods.handle(method);
            case AmqpConfirm.CLASS_ID, AmqpTx.CLASS_ID -> txMethods.handle(method);
            default -> throw new ProtocolException(ReplyCode.COMMAND_INVALID,
                "COMMAND_INVALID - " + method.methodName() + " is not valid on a channel");
        }
    }

    private void channelMethod(AmqpMethod method) throws ProtocolException {
        if (method instanceof AmqpChannel.Close) {
            release();
            send(new AmqpChannel.CloseOk());
            state = State.CLOSED;
            host.channelClosed(number);
        } else if (method instanceof AmqpChannel.Flow flow) {
            deliveries.flow(flow.active());
            send(new AmqpChannel.FlowOk(flow.active()));
        } else if (method instanceof AmqpChannel.CloseOk) {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID, "COMMAND_INVALID - unexpected channel.close-ok");
        } else {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID,
                "COMMAND_INVALID - unexpected " + method.methodName());
        }
    }

    private void whileClosing(Frame frame) {
        // Spec 2.2.5 (channel.close): after sending close, discard all but close and close-ok.
        if (state == State.CLOSING && frame instanceof Frame.MethodFrame m) {
            if (m.method() instanceof AmqpChannel.CloseOk) {
                state = State.CLOSED;
                host.channelClosed(number);
            } else if (m.method() instanceof AmqpChannel.Close) {
                send(new AmqpChannel.CloseOk());
                state = State.CLOSED;
                host.channelClosed(number);
            }
        }
    }

    /** Closes the channel from the broker's side with a (soft) error. */
    public void closeWithError(ProtocolError error) {
        if (state != State.OPEN) {
            return;
        }
        release();
        state = State.CLOSING;
        String text = error.text().length() <= 200 ? error.text() : error.text().substring(0, 200);
        send(new AmqpChannel.Close(error.code().code(), text, error.classId(), error.methodId()));
    }

    /**
     * Gives back everything the channel holds: cancels its consumers, requeues its unacknowledged
     * messages as redelivered, and discards an open transaction. Idempotent.
     */
    public void release() {
        if (state == State.OPEN) {
            state = State.CLOSING;
        }
        txMethods.discard();
        deliveries.releaseAll();
    }

    /**
     * Holds this channel's later frames back until {@link #replayHeldFrames()}: a synchronous method
     * whose answer waits for the store (a {@code basic.get} paging in) keeps its place in the channel's
     * order, as in RabbitMQ, without blocking the event loop. The connection stops reading meanwhile,
     * so only what one read brought is held.
     */
    void holdFrames() {
        held = new ArrayDeque<>();
        host.holdReading(true);
    }

    /** Ends {@link #holdFrames()}: handles the held frames in order, unless one of them holds again. */
    void replayHeldFrames() {
        ArrayDeque<Frame> frames = held;
        held = null;
        host.holdReading(false);
        while (!frames.isEmpty()) {
            if (held != null) {
                held.addAll(frames);
                return;
            }
            host.replay(frames.poll());
        }
    }

    /** The socket can take writes again, or flow was re-enabled: ask the queues to dispatch. */
    public void resumeDeliveries() {
        deliveries.resume();
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    int number() {
        return number;
    }

    ChannelHost host() {
        return host;
    }

    QueueMethods queueMethods() {
        return queueMethods;
    }

    void send(AmqpMethod method) {
        host.writer().writeMethod(number, method);
    }
}
