package org.fieldpost.broker.connection;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldpost.broker.channel.ChannelHost;
import org.fieldpost.broker.channel.ServerChannel;
import org.fieldpost.broker.transport.FrameHandler;
import org.fieldpost.broker.transport.FrameWriter;
import org.fieldpost.broker.vhost.VirtualHost;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.frame.Frame;
import org.fieldpost.protocol.method.AmqpChannel;
import org.fieldpost.protocol.method.AmqpConnection;
import org.fieldpost.protocol.method.AmqpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the handshake of spec section 2.2.4 (start, tune, open), the channel
 * table, heartbeats and the close handshake. Channel frames are passed to their
 * {@link ServerChannel}; errors close the channel or the connection according to their reply code.
 *
 * <p>A password the user registry cannot check from its cache is verified on a login thread
 * ({@link ConnectionServices#logins()}), not here: PBKDF2 takes milliseconds, and every connection on
 * this event loop would wait for it. Meanwhile the connection is {@code AUTHENTICATING}; a client must
 * wait for {@code connection.tune}, so any method but {@code connection.close} is an error then.
 *
 * <p>Concurrency: confined to the socket's event loop; other threads reach it only through
 * {@link FrameWriter#execute(Runnable)}.
 */
public final class ServerConnection implements FrameHandler, ChannelHost {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final long CLOSE_OK_TIMEOUT_MILLIS = 3_000;

    private enum State {
        AWAIT_HEADER, AWAIT_START_OK, AUTHENTICATING, AWAIT_TUNE_OK, AWAIT_OPEN, OPEN, CLOSING, CLOSED
    }

    private final long id = IDS.incrementAndGet();
    private final FrameWriter writer;
    private final SocketAddress remote;
    private final ConnectionServices services;
    private final IntObjectMap<ServerChannel> channels = new IntObjectHashMap<>();
    private State state = State.AWAIT_HEADER;
    private int channelMax;
    private String user;
    private VirtualHost vhost;
    private Map<String, Object> clientProperties = Map.of();
    /** Reading paused because the broker is short of memory. */
    private boolean blocked;
    /** Channels holding their frames back while an answer waits for the store (see ServerChannel). */
    private int holdingChannels;
    /** Set once the socket is closed; read by the login threads, which skip a connection already gone. */
    private volatile boolean socketClosed;

    public ServerConnection(FrameWriter writer, SocketAddress remote, ConnectionServices services) {
        this.writer = writer;
        this.remote = remote;
        this.services = services;
        this.channelMax = services.settings().channelMax();
    }

    @Override
    public void headerAccepted() {
        state = State.AWAIT_START_OK;
        writer.writeMethod(0, Handshake.start(services.settings()));
    }

    @Override
    public void frameReceived(Frame frame) {
        try {
            if (frame instanceof Frame.HeartbeatFrame) {
                return;
            }
            if (state == State.CLOSING || state == State.CLOSED) {
                whileClosing(frame);
            } else if (frame.channel() == 0) {
                connectionFrame(frame);
            } else {
                channelFrame(frame);
            }
        } catch (ProtocolException e) {
            fail(frame.channel(), e.error());
        } catch (RuntimeException e) {
            LOG.error("FP-C001 internal error on connection {} handling {}", this, frame, e);
            closeWithError(ProtocolError.of(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - " + e));
        }
    }

    @Override
    public void frameError(ProtocolError error) {
        LOG.info("FP-C002 framing error on {}: {}", this, error);
        closeWithError(error);
    }

    @Override
    public void peerSilent() {
        if (blocked || holdingChannels > 0) {
            return; // we stopped reading, so silence proves nothing
        }
        if (state == State.OPEN || state == State.AWAIT_OPEN) {
            LOG.warn("FP-C003 missed heartbeats from {}, closing the connection", this);
        } else {
            LOG.info("FP-C004 {} did not complete the handshake in time", this);
        }
        releaseChannels();
        writer.closeNow();
    }

    @Override
    public void heartbeatDue() {
        writer.writeHeartbeat();
    }

    @Override
    public void writabilityChanged(boolean writable) {
        if (writable) {
            for (ServerChannel channel : channels.values()) {
                channel.resumeDeliveries();
            }
        }
    }

    @Override
    public void closed() {
        socketClosed = true;
        releaseChannels();
        releaseExclusiveQueues();
        state = State.CLOSED;
        services.connections().remove(this);
    }

    private void connectionFrame(Frame frame) throws ProtocolException {
        if (!(frame instanceof Frame.MethodFrame methodFrame)) {
            throw new ProtocolException(ReplyCode.UNEXPECTED_FRAME, "UNEXPECTED_FRAME - content frame on channel 0");
        }
        AmqpMethod method = methodFrame.method();
        if (method.classId() != AmqpConnection.CLASS_ID) {
            throw new ProtocolException(ProtocolError.of(ReplyCode.CHANNEL_ERROR,
                "CHANNEL_ERROR - expected a connection method on channel 0, got " + method.methodName())
                .at(method.classId(), method.methodId()));
        }
        try {
            connectionMethod(method);
        } catch (ProtocolException e) {
            ProtocolError error = e.error();
            throw new ProtocolException(error.classId() == 0 ? error.at(method.classId(), method.methodId()) : error);
        }
    }

    private void connectionMethod(AmqpMethod method) throws ProtocolException {
        if (state == State.AWAIT_START_OK && method instanceof AmqpConnection.StartOk startOk) {
            startOk(startOk);
        } else if (state == State.AWAIT_TUNE_OK && method instanceof AmqpConnection.TuneOk tuneOk) {
            tuneOk(tuneOk);
        } else if (state == State.AWAIT_OPEN && method instanceof AmqpConnection.Open open) {
            open(open);
        } else if (method instanceof AmqpConnection.Close) {
            clientClose();
        } else if (state == State.AUTHENTICATING) {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID,
                "COMMAND_INVALID - unexpected " + method.methodName() + " while authenticating");
        } else if (method instanceof AmqpConnection.CloseOk) {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID, "COMMAND_INVALID - unexpected connection.close-ok");
        } else {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID,
                "COMMAND_INVALID - unexpected " + method.methodName() + " in state " + state);
        }
    }

    private void startOk(AmqpConnection.StartOk startOk) throws ProtocolException {
        clientProperties = startOk.clientProperties() == null ? Map.of() : startOk.clientProperties();
        SaslResponse credentials = SaslResponse.decode(startOk.mechanism(), startOk.response());
        Optional<Boolean> known = services.users().authenticateCached(credentials.user(), credentials.password(),
            remote);
        if (known.isPresent()) {
            loginDecided(startOk, credentials.user(), known.get());
        } else {
            state = State.AUTHENTICATING;
            try {
                services.logins().execute(() -> verify(startOk, credentials));
            } catch (RejectedExecutionException e) {
                closeWithError(ProtocolError.of(ReplyCode.CONNECTION_FORCED, "CONNECTION_FORCED - broker shutdown"));
            }
        }
    }

    /** On a login thread: verifies the password, then hands the answer back to the event loop. */
    private void verify(AmqpConnection.StartOk startOk, SaslResponse credentials) {
        if (socketClosed) {
            return; // in a login storm, clients that gave up waiting must not cost a PBKDF2 each
        }
        Runnable answer;
        try {
            boolean accepted = services.users().authenticate(credentials.user(), credentials.password(), remote);
            answer = () -> loginVerified(startOk, credentials.user(), accepted, null);
        } catch (RuntimeException e) {
            answer = () -> loginVerified(startOk, credentials.user(), false, e);
        }
        try {
            writer.execute(answer);
        } catch (RejectedExecutionException e) {
            LOG.debug("FP-C009 the event loop of {} stopped while its login was verified", remote);
        }
    }

    private void loginVerified(AmqpConnection.StartOk startOk, String name, boolean accepted,
        RuntimeException failure) {
        if (state != State.AUTHENTICATING) {
            return; // closed meanwhile: the client hung up or gave up, the handshake timed out, the broker stops
        }
        if (failure != null) {
            LOG.error("FP-C001 internal error on connection {} verifying the password of '{}'", this, name, failure);
            closeWithError(ProtocolError.of(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - " + failure));
            return;
        }
        try {
            loginDecided(startOk, name, accepted);
        } catch (ProtocolException e) {
            closeWithError(e.error().at(startOk.classId(), startOk.methodId()));
        }
    }

    /** Answers {@code start-ok}: {@code connection.tune}, or ACCESS_REFUSED. */
    private void loginDecided(AmqpConnection.StartOk startOk, String name, boolean accepted)
        throws ProtocolException {
        if (!accepted) {
            LOG.warn("FP-C005 login refused for user '{}' from {}", name, remote);
            throw new ProtocolException(ReplyCode.ACCESS_REFUSED, "ACCESS_REFUSED - Login was refused using "
                + "authentication mechanism " + startOk.mechanism() + ". For details see the broker logfile.");
        }
        user = name;
        state = State.AWAIT_TUNE_OK;
        writer.writeMethod(0, Handshake.tune(services.settings()));
    }

    private void tuneOk(AmqpConnection.TuneOk tuneOk) throws ProtocolException {
        BrokerSettings settings = services.settings();
        channelMax = Handshake.negotiateChannelMax(tuneOk.channelMax(), settings.channelMax());
        long frameMax = Handshake.negotiateFrameMax(tuneOk.frameMax(), settings.frameMax());
        writer.negotiated(frameMax, tuneOk.heartbeat());
        state = State.AWAIT_OPEN;
    }

    private void open(AmqpConnection.Open open) throws ProtocolException {
        VirtualHost host = services.virtualHost(open.virtualHost());
        if (host == null) {
            throw new ProtocolException(ReplyCode.NOT_ALLOWED,
                "NOT_ALLOWED - vhost '" + open.virtualHost() + "' not found");
        }
        vhost = host;
        state = State.OPEN;
        services.connections().add(this);
        writer.writeMethod(0, new AmqpConnection.OpenOk(""));
    }

    private void channelFrame(Frame frame) throws ProtocolException {
        if (state != State.OPEN) {
            throw new ProtocolException(ReplyCode.CHANNEL_ERROR,
                "CHANNEL_ERROR - frame on channel " + frame.channel() + " before connection.open");
        }
        int number = frame.channel();
        ServerChannel channel = channels.get(number);
        boolean isOpen = frame instanceof Frame.MethodFrame m && m.method() instanceof AmqpChannel.Open;
        if (channel == null) {
            if (!isOpen) {
                throw new ProtocolException(ReplyCode.CHANNEL_ERROR,
                    "CHANNEL_ERROR - expected 'channel.open' on channel " + number);
            }
            if (number > channelMax) {
                throw new ProtocolException(ProtocolError.of(ReplyCode.NOT_ALLOWED, "NOT_ALLOWED - channel "
                    + number + " above channel-max " + channelMax).at(AmqpChannel.CLASS_ID, 10));
            }
            channels.put(number, new ServerChannel(number, this));
            writer.writeMethod(number, new AmqpChannel.OpenOk(new byte[0]));
            return;
        }
        if (isOpen) {
            throw new ProtocolException(ProtocolError.of(ReplyCode.CHANNEL_ERROR,
                "CHANNEL_ERROR - second 'channel.open' seen").at(AmqpChannel.CLASS_ID, 10));
        }
        channel.frameReceived(frame);
    }

    /** Routes an error to the channel or the connection, by its reply code. */
    private void fail(int channelNumber, ProtocolError error) {
        if (error.closesConnection() || channelNumber == 0) {
            closeWithError(error);
            return;
        }
        ServerChannel channel = channels.get(channelNumber);
        if (channel == null) {
            closeWithError(ProtocolError.of(ReplyCode.CHANNEL_ERROR, error.text()));
        } else {
            channel.closeWithError(error);
        }
    }

    private void whileClosing(Frame frame) {
        // Spec 2.2.4: after sending connection.close, discard everything but close/close-ok.
        if (frame instanceof Frame.MethodFrame m && frame.channel() == 0) {
            if (m.method() instanceof AmqpConnection.CloseOk) {
                writer.closeNow();
            } else if (m.method() instanceof AmqpConnection.Close) {
                writer.writeMethod(0, new AmqpConnection.CloseOk());
                writer.flushAndClose();
            }
        }
    }

    private void clientClose() {
        releaseChannels();
        releaseExclusiveQueues();
        state = State.CLOSING;
        writer.writeMethod(0, new AmqpConnection.CloseOk());
        writer.flushAndClose();
    }

    /** Sends {@code connection.close} and waits (bounded) for the client's close-ok. */
    private void closeWithError(ProtocolError error) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        LOG.debug("FP-C006 closing {}: {}", this, error);
        releaseChannels();
        releaseExclusiveQueues();
        boolean startSent = state != State.AWAIT_HEADER;
        state = State.CLOSING;
        if (!startSent) {
            writer.closeNow();
            return;
        }
        writer.writeMethod(0, new AmqpConnection.Close(error.code().code(), truncate(error.text()),
            error.classId(), error.methodId()));
        services.timer().schedule(() -> writer.execute(writer::closeNow),
            CLOSE_OK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Closes this connection from the broker side, e.g. at shutdown (320 CONNECTION_FORCED). */
    public void forceClose(String reason) {
        writer.execute(() -> closeWithError(ProtocolError.of(ReplyCode.CONNECTION_FORCED,
            "CONNECTION_FORCED - " + reason)));
    }

    private void releaseChannels() {
        for (ServerChannel channel : new ArrayList<>(channels.values())) {
            channel.release();
        }
        channels.clear();
    }

    /** Deletes this connection's exclusive queues; before close-ok, so the client sees them gone. */
    private void releaseExclusiveQueues() {
        if (vhost != null) {
            VirtualHost host = vhost;
            vhost = null;
            host.connectionClosed(this);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    // ChannelHost

    @Override
    public FrameWriter writer() {
        return writer;
    }

    @Override
    public VirtualHost virtualHost() {
        return vhost;
    }

    @Override
    public Object owner() {
        return this;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public long maxBodySize() {
        return services.settings().maxBodySize();
    }

    @Override
    public void channelClosed(int number) {
        channels.remove(number);
    }

    @Override
    public ScheduledExecutorService timer() {
        return services.timer();
    }

    @Override
    public void memoryAlarm() {
        if (blocked || vhost == null || state != State.OPEN) {
            return;
        }
        blocked = true;
        LOG.info("FP-C007 {} blocked: the broker is over its memory limit", this);
        if (announces("connection.blocked")) {
            writer.writeMethod(0, new AmqpConnection.Blocked("low on memory"));
        }
        updateReading();
        vhost.config().memory().whenBelowLowMark(() -> writer.execute(this::memoryAvailable));
    }

    private void memoryAvailable() {
        if (!blocked) {
            return;
        }
        blocked = false;
        LOG.info("FP-C008 {} unblocked", this);
        if (state == State.OPEN && announces("connection.blocked")) {
            writer.writeMethod(0, new AmqpConnection.Unblocked());
        }
        updateReading();
    }

    @Override
    public void replay(Frame frame) {
        frameReceived(frame);
    }

    @Override
    public void holdReading(boolean hold) {
        holdingChannels += hold ? 1 : -1;
        updateReading();
    }

    /** Reads from the socket unless memory is short or a channel holds its frames back. */
    private void updateReading() {
        writer.pauseReading(blocked || holdingChannels > 0);
    }

    /** True when the client announced the capability in connection.start-ok. */
    private boolean announces(String capability) {
        return clientProperties.get("capabilities") instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get(capability));
    }

    /** The properties the client sent in {@code connection.start-ok}. */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    @Override
    public String toString() {
        return "connection " + id + " (" + remote + (user != null ? ", user " + user : "") + ")";
    }
}
