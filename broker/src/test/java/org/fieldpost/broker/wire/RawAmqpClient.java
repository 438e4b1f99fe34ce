package org.fieldpost.broker.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A deliberately tiny AMQP 0-9-1 peer that writes frames byte by byte, so tests can send what no
 * well-behaved client would. It shares no code with the broker's codec: every encoding here is written
 * from the spec (AMQP 0-9-1, section 4.2 "Framing" and the class/method reference).
 *
 * <p>Concurrency: one thread uses an instance at a time, except that {@link #sendRaw} may be called
 * from a writer thread while another thread reads.
 */
public final class RawAmqpClient implements Closeable {

    /** The 0-9-1 protocol header (section 4.2.2). */
    public static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    public static final int FRAME_METHOD = 1;
    public static final int FRAME_HEADER = 2;
    public static final int FRAME_BODY = 3;
    public static final int FRAME_HEARTBEAT = 8;
    public static final int FRAME_END = 0xCE;

    public static final int CLASS_CONNECTION = 10;
    public static final int CLASS_CHANNEL = 20;
    public static final int CLASS_QUEUE = 50;
    public static final int CLASS_BASIC = 60;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int frameMax;
    private int channelMax;
    private int heartbeats;

    private RawAmqpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection; nothing is sent yet. */
    public static RawAmqpClient connect(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return new RawAmqpClient(socket);
    }

    /**
     * Runs the whole opening handshake as guest/guest on vhost "/": protocol header, start/start-ok
     * (PLAIN), tune/tune-ok accepting the server's channel-max and frame-max with the given heartbeat,
     * open/open-ok.
     */
    public RawAmqpClient handshake(int heartbeatSeconds) throws IOException {
        sendRaw(PROTOCOL_HEADER);
        expectMethod(0, CLASS_CONNECTION, 10);
        sendMethod(0, CLASS_CONNECTION, 11, new Args().table(new byte[0]).shortstr("PLAIN")
            .longstr("\0guest\0guest".getBytes(StandardCharsets.UTF_8)).shortstr("en_US").bytes());
        Frame tune = expectMethod(0, CLASS_CONNECTION, 30);
        DataInputStream tuneArgs = tune.arguments();
        channelMax = tuneArgs.readUnsignedShort();
        frameMax = tuneArgs.readInt();
        sendMethod(0, CLASS_CONNECTION, 31,
            new Args().shortint(channelMax).longint(frameMax).shortint(heartbeatSeconds).bytes());
        sendMethod(0, CLASS_CONNECTION, 40, new Args().shortstr("/").shortstr("").octet(0).bytes());
        expectMethod(0, CLASS_CONNECTION, 41);
        return this;
    }

    /** The frame-max the server proposed in connection.tune (and this client accepted). */
    public int frameMax() {
        return frameMax;
    }

    /** The channel-max the server proposed in connection.tune (and this client accepted). */
    public int channelMax() {
        return channelMax;
    }

    /** Sends channel.open on {@code channel} and waits for channel.open-ok. */
    public void openChannel(int channel) throws IOException {
        sendChannelOpen(channel);
        expectMethod(channel, CLASS_CHANNEL, 11);
    }

    /** Sends channel.open on {@code channel} without waiting. */
    public void sendChannelOpen(int channel) throws IOException {
        sendMethod(channel, CLASS_CHANNEL, 10, new Args().shortstr("").bytes());
    }

    /** Writes a method frame. */
    public void sendMethod(int channel, int classId, int methodId, byte[] arguments) throws IOException {
        sendRaw(methodFrame(channel, classId, methodId, arguments));
    }

    /** A complete method frame, for tests that batch or corrupt frames before sending. */
    public static byte[] methodFrame(int channel, int classId, int methodId, byte[] arguments) {
        byte[] payload = new Args().shortint(classId).shortint(methodId).raw(arguments).bytes();
        return frame(FRAME_METHOD, channel, payload);
    }

    /** A complete frame: type, channel, size, payload, frame-end (section 4.2.3). */
    public static byte[] frame(int type, int channel, byte[] payload) {
        return new Args().octet(type).shortint(channel).longint(payload.length).raw(payload).octet(FRAME_END)
            .bytes();
    }

    /** A content header payload for class basic with no properties (section 4.2.6.1). */
    public static byte[] basicContentHeader(long bodySize) {
        return new Args().shortint(CLASS_BASIC).shortint(0).longlong(bodySize).shortint(0).bytes();
    }

    /** Writes bytes as they are and flushes. */
    public void sendRaw(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Reads the next frame; throws {@link EOFException} if the server closed the socket. */
    public Frame readFrame() throws IOException {
        int type = in.readUnsignedByte();
        int channel = in.readUnsignedShort();
        int size = in.readInt();
        if (size < 0 || size > 64 * 1024 * 1024) {
            throw new IOException("implausible frame size " + size);
        }
        byte[] payload = new byte[size];
        in.readFully(payload);
        int end = in.readUnsignedByte();
        if (end != FRAME_END) {
            throw new IOException("bad frame-end octet from server: " + end);
        }
        return new Frame(type, channel, payload);
    }

    /** Reads frames, skipping heartbeats, until a method frame arrives, and checks it is the expected one. */
    public Frame expectMethod(int channel, int classId, int methodId) throws IOException {
        Frame frame = readFrame();
        while (frame.type() == FRAME_HEARTBEAT) {
            frame = readFrame();
        }
        if (!frame.isMethod(classId, methodId) || frame.channel() != channel) {
            throw new IOException("expected method " + classId + "." + methodId + " on channel " + channel
                + " but got " + frame);
        }
        return frame;
    }

    /**
     * Reads frames until connection.close arrives, skipping heartbeats and anything else, and returns it.
     * Fails with {@link EOFException} if the server closes the socket without sending connection.close.
     */
    public ConnectionClose awaitConnectionClose() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.isMethod(CLASS_CONNECTION, 50)) {
                DataInputStream args = frame.arguments();
                int code = args.readUnsignedShort();
                String text = readShortstr(args);
                int failingClass = args.readUnsignedShort();
                int failingMethod = args.readUnsignedShort();
                return new ConnectionClose(code, text, failingClass, failingMethod);
            }
        }
    }

    /** Answers the server's connection.close. */
    public void sendConnectionCloseOk() throws IOException {
        sendMethod(0, CLASS_CONNECTION, 51, new byte[0]);
    }

    /**
     * Reads and discards until the server closes the socket or {@code deadline} passes; returns whether
     * EOF (or a reset) was seen. Counts the heartbeat frames read on the way in {@link #heartbeatsSeen()}.
     * Reads bytes, not frames: after it returns false, only more {@code awaitEof} calls are reliable.
     */
    public boolean awaitEof(Duration deadline) throws IOException {
        try {
            return discardUntilEof(deadline);
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            }
        }
    }

    private boolean discardUntilEof(Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        InputStream raw = socket.getInputStream();
        byte[] sink = new byte[8192];
        while (System.nanoTime() < end) {
            socket.setSoTimeout((int) Math.max(1, Math.min(250, (end - System.nanoTime()) / 1_000_000)));
            try {
                int n = raw.read(sink);
                if (n < 0) {
                    return true;
                }
                countHeartbeats(sink, n);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** Heartbeat frames seen by {@link #awaitEof} (approximate: counted by pattern in the byte stream). */
    public int heartbeatsSeen() {
        return heartbeats;
    }

    private void countHeartbeats(byte[] bytes, int length) {
        byte[] heartbeat = frame(FRAME_HEARTBEAT, 0, new byte[0]);
        for (int i = 0; i + heartbeat.length <= length; i++) {
            if (Arrays.equals(bytes, i, i + heartbeat.length, heartbeat, 0, heartbeat.length)) {
                heartbeats++;
            }
        }
    }

    /** Half-closes: the server sees EOF on its read side. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Drops the connection with a TCP reset (SO_LINGER 0) instead of an orderly FIN. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static String readShortstr(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedByte()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One frame as read from the wire. */
    public record Frame(int type, int channel, byte[] payload) {

        public boolean isMethod(int classId, int methodId) {
            return type == FRAME_METHOD && payload.length >= 4 && classId() == classId && methodId() == methodId;
        }

        public int classId() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public int methodId() {
            return ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
        }

        /** The method arguments (after class and method id). */
        public DataInputStream arguments() {
            return new DataInputStream(new ByteArrayInputStream(payload, 4, payload.length - 4));
        }

        @Override
        public String toString() {
            return type == FRAME_METHOD && payload.length >= 4
                ? "method " + classId() + "." + methodId() + " on channel " + channel
                : "frame type " + type + " on channel " + channel + " (" + payload.length + " bytes)";
        }
    }

    /** The arguments of a connection.close the server sent. */
    public record ConnectionClose(int replyCode, String replyText, int classId, int methodId) {
    }

    /** Big-endian encoder for the AMQP domain types the tests need (section 4.2.5). */
    public static final class Args {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final DataOutputStream data = new DataOutputStream(buffer);

        public Args octet(int value) {
            return write(() -> data.writeByte(value));
        }

        public Args shortint(int value) {
            return write(() -> data.writeShort(value));
        }

        public Args longint(int value) {
            return write(() -> data.writeInt(value));
        }

        public Args longlong(long value) {
            return write(() -> data.writeLong(value));
        }

        public Args shortstr(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            return octet(bytes.length).raw(bytes);
        }

        public Args longstr(byte[] value) {
            return longint(value.length).raw(value);
        }

        /** A field table whose encoded entries are given verbatim (the 4-byte size is added here). */
        public Args table(byte[] encodedEntries) {
            return longint(encodedEntries.length).raw(encodedEntries);
        }

        public Args raw(byte[] bytes) {
            return write(() -> data.write(bytes));
        }

        public byte[] bytes() {
            return buffer.toByteArray();
        }

        private Args write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory cannot fail", e);
            }
            return this;
        }

        private interface IoAction {
            void run() throws IOException;
        }
    }
}
