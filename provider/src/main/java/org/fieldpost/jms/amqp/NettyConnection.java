package org.fieldpost.jms.amqp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.local.LocalChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.frame.Frame;
import org.fieldpost.protocol.frame.FrameEncoder;
import org.fieldpost.protocol.frame.FrameType;
import org.fieldpost.protocol.frame.ProtocolHeader;
import org.fieldpost.protocol.method.AmqpConnection;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.transport.FlushPerTurn;
import org.fieldpost.protocol.transport.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClientConnection} over one Netty socket: the handshake (SASL PLAIN, tune, open), channel 0,
 * heartbeats, the close handshake in both directions, the table of open channels, and the
 * {@link PublishGate} of producer flow control (the socket's write buffer water marks are its
 * {@link PublishGate#LOW_WATER_MARK} and {@link PublishGate#HIGH_WATER_MARK}).
 *
 * <p>Concurrency: every mutable field except the volatile ones is confined to the socket's event loop
 * (the "I/O thread"); public methods only post tasks to it.
 */
public final class NettyConnection implements ClientConnection {
    private static final Logger LOG = LoggerFactory.getLogger(NettyConnection.class);
    /** The decoding limit before tuning: generous, {@code connection.start} can carry large properties. */
    private static final long UNTUNED_FRAME_MAX = 1 << 20;
    private static final int MAX_CHANNEL = 0xFFFF;
    /**
     * Room for the method frame, the header frame and the body frames' overhead beside the body: a
     * JMS message's properties (its id, timestamp, destination and application properties) take
     * 150 to 400 octets, and a buffer that has to grow is copied.
     */
    private static final int CONTENT_HEADROOM = 768;

    private final AmqpConnectionOptions options;
    private final ConnectionListener listener;
    private final CompletableFuture<ClientConnection> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<Integer, NettyChannel> channels = new HashMap<>();
    /** Channels that had deliveries in the current read, to tell when it ends; I/O thread only. */
    private final List<NettyChannel> deliveredInRead = new ArrayList<>();
    private final PublishGate gate = new PublishGate();
    private volatile Channel socket;
    private volatile EventLoop loop;
    private volatile State state = State.CONNECTING;
    private volatile AmqpException failure;
    private volatile Map<String, Object> serverProperties = Map.of();
    private volatile long frameMax = UNTUNED_FRAME_MAX;
    private volatile int heartbeat;
    private volatile FlushPerTurn writes;
    private int channelMax = MAX_CHANNEL;
    private int nextChannel = 1;
    private ScheduledFuture<?> timer;

    private enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    private NettyConnection(AmqpConnectionOptions options, ConnectionListener listener) {
        this.options = options;
        this.listener = listener;
    }

    /**
     * Connects, authenticates, tunes and opens the virtual host.
     *
     * <p>Does not block. The future completes on the I/O thread once {@code connection.open-ok} arrived,
     * or fails with an {@link AmqpException}: a transport failure (its cause the I/O error or a
     * {@link TimeoutException} after {@code connectTimeoutMillis}) or the broker's
     * {@code connection.close} (403 ACCESS_REFUSED for bad credentials, 530 NOT_ALLOWED for an unknown
     * virtual host).
     *
     * @param listener told about failures and blocking once the connection is open; called on the I/O thread
     */
    public static CompletableFuture<ClientConnection> connect(AmqpConnectionOptions options,
        ConnectionListener listener) {
        EventLoopGroup loops;
        try {
            loops = IoThreads.group();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new AmqpException("cannot start the I/O threads: " + e.getMessage(),
                e));
        }
        NettyConnection connection = new NettyConnection(options, listener);
        connection.start(loops);
        return connection.opened;
    }

    private void start(EventLoopGroup loops) {
        boolean inVm = options.inVm() != null;
        Bootstrap bootstrap = new Bootstrap().group(loops)
            .channel(inVm ? LocalChannel.class : NettyTransport.socketChannel())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                options.connectTimeoutMillis()))
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(PublishGate.LOW_WATER_MARK,
                PublishGate.HIGH_WATER_MARK))
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    // before any byte arrives: the handshake runs on the I/O thread, maybe before connect returns
                    socket = ch;
                    loop = ch.eventLoop();
                    writes = new FlushPerTurn(ch);
                    if (options.sslContext() != null) {
                        ch.pipeline().addLast("tls", options.sslContext().newHandler(ch.alloc(), options.host(),
                            options.port()));
                    }
                    ch.pipeline().addLast("frames", new FrameHandler(NettyConnection.this));
                }
            });
        if (!inVm) {
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
        }
        ChannelFuture connect = inVm ? bootstrap.connect(options.inVm())
            : bootstrap.connect(options.host(), options.port());
        socket = connect.channel();
        loop = socket.eventLoop();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                fail(new AmqpException("cannot connect to " + options.peer() + ": "
                    + f.cause().getMessage(), f.cause()));
            }
        });
        execute(() -> timer = loop.schedule(() -> {
            if (state == State.CONNECTING) {
                fail(new AmqpException("no AMQP handshake with " + options.peer()
                    + " within " + options.connectTimeoutMillis() + " ms", new TimeoutException()));
            }
        }, options.connectTimeoutMillis(), TimeUnit.MILLISECONDS));
    }

    // ---- ClientConnection

    @Override
    public CompletableFuture<ClientChannel> openChannel(ChannelListener channelListener) {
        CompletableFuture<ClientChannel> result = new CompletableFuture<>();
        execute(() -> {
            if (state != State.OPEN) {
                result.completeExceptionally(notOpen());
                return;
            }
            int number = allocateChannel();
            if (number < 0) {
                result.completeExceptionally(new AmqpException(ProtocolError.of(ReplyCode.RESOURCE_ERROR,
                    "no free channel number (channel-max " + channelMax + ")"), false));
                return;
            }
            NettyChannel channel = new NettyChannel(this, number, channelListener);
            channels.put(number, channel);
            channel.open().whenComplete((ok, e) -> {
                if (e == null) {
                    result.complete(channel);
                } else {
                    result.completeExceptionally(e);
                }
            });
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> close() {
        execute(() -> {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            if (state == State.CONNECTING) {
                opened.completeExceptionally(new AmqpException("connection closed during the handshake", null));
                terminate(null);
                return;
            }
            state = State.CLOSING;
            AmqpException closing = new AmqpException("connection closed by the application", null);
            gate.end(closing);
            for (NettyChannel channel : List.copyOf(channels.values())) {
                channel.connectionGone(closing, false);
            }
            channels.clear();
            writeMethod(0, new AmqpConnection.Close(ReplyCode.REPLY_SUCCESS.code(), "OK", 0, 0));
            cancelTimer();
            timer = loop.schedule(() -> terminate(null), options.closeTimeoutMillis(), TimeUnit.MILLISECONDS);
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
    public boolean isBlocked() {
        return gate.isBlocked();
    }

    @Override
    public CompletableFuture<Void> whenPublishable() {
        return gate.whenOpen();
    }

    @Override
    public Map<String, Object> serverProperties() {
        return serverProperties;
    }

    @Override
    public long frameMax() {
        return frameMax;
    }

    @Override
    public int heartbeatSeconds() {
        return heartbeat;
    }

    @Override
    public boolean inIoThread() {
        return loop.inEventLoop();
    }

    @Override
    public String toString() {
        return "amqp connection " + options.peer() + options.virtualHost();
    }

    // ---- I/O thread

    void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    boolean isUsable() {
        return state == State.OPEN;
    }

    ChannelFuture writeMethod(int channel, AmqpMethod method) {
        ByteBuf out = socket.alloc().buffer();
        try {
            FrameEncoder.writeMethod(channel, method, frameMax == UNTUNED_FRAME_MAX ? 0 : frameMax, out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return write(out);
    }

    /**
     * Any thread, once the connection is open: a content-bearing method with its header and body frames,
     * for {@link #write}; the caller owns the buffer until then.
     *
     * @throws IllegalArgumentException if the method or its properties cannot be encoded
     */
    ByteBuf encodeContent(int channel, AmqpMethod method, org.fieldpost.protocol.BasicProperties properties,
        byte[] body) {
        ByteBuf out = socket.alloc().buffer(body.length + CONTENT_HEADROOM);
        try {
            FrameEncoder.writeContent(channel, method, properties, body, frameMax, out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return out;
    }

    /** Queues frames; they are flushed once per I/O-thread turn ({@link FlushPerTurn}). */
    ChannelFuture write(ByteBuf out) {
        return writes.write(out, socket.newPromise());
    }

    PublishGate gate() {
        return gate;
    }

    void onWritabilityChanged(boolean writable) {
        gate.writable(writable);
    }

    void release(int number, NettyChannel channel) {
        channels.remove(number, channel);
    }

    AmqpException notOpen() {
        AmqpException f = failure;
        return f != null ? f : new AmqpException("connection is closed", null);
    }

    void onActive() {
        ByteBuf header = socket.alloc().buffer(ProtocolHeader.LENGTH);
        ProtocolHeader.write(header);
        socket.writeAndFlush(header);
    }

    void onFrame(Frame frame) throws ProtocolException {
        if (frame instanceof Frame.HeartbeatFrame) {
            return;
        }
        if (frame.channel() == 0) {
            if (frame instanceof Frame.MethodFrame m) {
                onConnectionMethod(m.method());
            } else {
                throw new ProtocolException(ReplyCode.COMMAND_INVALID, "content frame on channel 0");
            }
            return;
        }
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        NettyChannel channel = channels.get(frame.channel());
        if (channel != null) {
            channel.onFrame(frame);
        }
    }

    private void onConnectionMethod(AmqpMethod method) throws ProtocolException {
        if (method instanceof AmqpConnection.Start start) {
            onStart(start);
        } else if (method instanceof AmqpConnection.Tune tune) {
            onTune(tune);
        } else if (method instanceof AmqpConnection.OpenOk) {
            cancelTimer();
            state = State.OPEN;
            opened.complete(this);
        } else if (method instanceof AmqpConnection.Close close) {
            writeMethod(0, new AmqpConnection.CloseOk());
            ProtocolError error = new ProtocolError(ReplyCode.of(close.replyCode()) == null
                ? ReplyCode.INTERNAL_ERROR : ReplyCode.of(close.replyCode()), close.replyText(),
                close.failingClassId(), close.failingMethodId());
            if (state == State.CLOSING) {
                terminate(null);
            } else {
                fail(new AmqpException(error, true));
            }
        } else if (method instanceof AmqpConnection.CloseOk) {
            if (state == State.CLOSING) {
                terminate(null);
            }
        } else if (method instanceof AmqpConnection.Blocked b) {
            LOG.debug("FP-C013 {} blocked by the broker: {}", this, b.reason());
            gate.blocked(true);
            listener.onBlocked(b.reason());
        } else if (method instanceof AmqpConnection.Unblocked) {
            LOG.debug("FP-C014 {} unblocked by the broker", this);
            gate.blocked(false);
            listener.onUnblocked();
        } else if (method instanceof AmqpConnection.Secure) {
            throw new ProtocolException(ReplyCode.NOT_IMPLEMENTED, "SASL challenges are not supported (PLAIN only)");
        } else {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID, "unexpected " + method.methodName());
        }
    }

    private void onStart(AmqpConnection.Start start) throws ProtocolException {
        serverProperties = start.serverProperties();
        String mechanisms = new String(start.mechanisms(), StandardCharsets.UTF_8);
        if (!List.of(mechanisms.split(" ")).contains("PLAIN")) {
            throw new ProtocolException(ReplyCode.NOT_IMPLEMENTED, "the broker offers no PLAIN login: " + mechanisms);
        }
        byte[] response = ("\0" + options.username() + "\0" + options.password()).getBytes(StandardCharsets.UTF_8);
        writeMethod(0, new AmqpConnection.StartOk(clientProperties(), "PLAIN", response, "en_US"));
    }

    private Map<String, Object> clientProperties() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        for (String capability : List.of("publisher_confirms", "consumer_cancel_notify", "connection.blocked",
            "basic.nack", "exchange_exchange_bindings", "authentication_failure_close")) {
            capabilities.put(capability, Boolean.TRUE);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("product", "Fieldpost JMS");
        properties.put("version", Version.VERSION);
        properties.put("platform", "Java " + Runtime.version());
        properties.put("information", "https://fieldpost.org");
        properties.put("capabilities", capabilities);
        if (options.clientName() != null) {
            properties.put("connection_name", options.clientName());
        }
        return properties;
    }

    private void onTune(AmqpConnection.Tune tune) {
        channelMax = tune.channelMax() == 0 ? MAX_CHANNEL : Math.min(tune.channelMax(), MAX_CHANNEL);
        long negotiatedFrameMax = tune.frameMax() == 0 ? 0 : Math.max(tune.frameMax(), FrameType.FRAME_MIN_SIZE);
        heartbeat = options.heartbeatSeconds() < 0 ? tune.heartbeat() : options.heartbeatSeconds();
        writeMethod(0, new AmqpConnection.TuneOk(channelMax, negotiatedFrameMax, heartbeat));
        frameMax = negotiatedFrameMax;
        if (heartbeat > 0) {
            // Spec 4.2.7: a peer that sees no traffic for two intervals considers the connection dead.
            socket.pipeline().addBefore("frames", "heartbeat", new IdleStateHandler(2L * heartbeat, heartbeat, 0,
                TimeUnit.SECONDS));
        }
        writeMethod(0, new AmqpConnection.Open(options.virtualHost(), "", false));
    }

    void writeHeartbeat() {
        ByteBuf out = socket.alloc().buffer(FrameType.OVERHEAD);
        FrameEncoder.writeHeartbeat(out);
        socket.writeAndFlush(out);
    }

    void onMissedHeartbeats() {
        fail(new AmqpException("missed heartbeats: nothing received from the broker for " + 2 * heartbeat + " s",
            new TimeoutException()));
    }

    /** A protocol violation by the broker: tell it with a connection.close, then fail. */
    void onProtocolError(ProtocolError error) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.warn("FP-C001 protocol error from {}: {}", options.peer(), error);
        writeMethod(0, new AmqpConnection.Close(error.code().code(), error.text(), error.classId(),
            error.methodId()));
        fail(new AmqpException(error, true));
    }

    /** I/O thread: {@code channel} handed a delivery to its listener in the current read. */
    void deliveredInRead(NettyChannel channel) {
        deliveredInRead.add(channel);
    }

    /** I/O thread: a read from the socket is over; the channels that had deliveries in it are told. */
    void onReadComplete() {
        if (deliveredInRead.isEmpty()) {
            return;
        }
        for (NettyChannel channel : deliveredInRead) {
            channel.endOfRead();
        }
        deliveredInRead.clear();
    }

    void onSocketClosed() {
        onReadComplete(); // deliveries decoded from what was left when the socket closed
        if (state == State.CLOSING) {
            terminate(null);
        } else {
            fail(new AmqpException("connection to " + options.peer()
                + " closed by the broker", null));
        }
    }

    void onIoError(Throwable cause) {
        if (TlsFailures.find(cause) != null) {
            // e.g. a TLSv1.3 broker refusing the client's certificate after the client's side of the handshake
            fail(new AmqpException("TLS failure on the connection to " + options.peer() + ": "
                + TlsFailures.describe(cause), cause));
            return;
        }
        fail(new AmqpException("I/O error on the connection to " + options.peer() + ": " + cause.getMessage(),
            cause));
    }

    /** The TLS handshake failed (untrusted certificate, host name mismatch, refused client certificate...). */
    void onTlsHandshakeFailed(Throwable cause) {
        fail(new AmqpException("TLS handshake with " + options.peer() + " failed: "
            + TlsFailures.describe(cause), cause));
    }

    /** Ends the connection with a failure, reported once to the listener if it was open. */
    private void fail(AmqpException cause) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CLOSING) {
            terminate(null);
            return;
        }
        boolean wasOpen = state == State.OPEN;
        failure = cause;
        opened.completeExceptionally(cause);
        terminate(cause);
        if (wasOpen) {
            try {
                listener.onFailure(cause);
            } catch (RuntimeException e) {
                LOG.warn("FP-C002 connection listener failed", e);
            }
        }
    }

    private void terminate(AmqpException cause) {
        state = State.CLOSED;
        cancelTimer();
        AmqpException gone = cause != null ? cause : new AmqpException("connection closed", null);
        gate.end(gone);
        for (NettyChannel channel : List.copyOf(channels.values())) {
            channel.connectionGone(gone, cause != null);
        }
        channels.clear();
        socket.flush(); // a last close or close-ok still queued goes out before the socket closes
        socket.close();
        closed.complete(null);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private int allocateChannel() {
        for (int i = 0; i < channelMax; i++) {
            int candidate = nextChannel;
            nextChannel = nextChannel >= channelMax ? 1 : nextChannel + 1;
            if (!channels.containsKey(candidate)) {
                return candidate;
            }
        }
        return -1;
    }
}
