package org.fieldpost.protocol.content;

import java.util.ArrayList;
import java.util.List;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.frame.Frame;
import org.fieldpost.protocol.method.AmqpMethod;

/**
 * Assembles a content-carrying method, its header frame and its body frames into one
 * {@link Content} (spec section 4.2.6), one instance per channel, on the broker and the client
 * alike. Feed it every method, header and body frame of its channel in arrival order:
 *
 * <pre>{@code
 * if (frame instanceof MethodFrame m) {
 *     if (!assembler.onMethod(m.method())) { dispatch(m.method()); }
 * } else if (frame instanceof HeaderFrame h) {
 *     Content c = assembler.onHeader(h); if (c != null) { dispatch(c); }
 * } else if (frame instanceof BodyFrame b) {
 *     Content c = assembler.onBody(b); if (c != null) { dispatch(c); }
 * }
 * }</pre>
 *
 * <p>Errors, each carrying the class and method id of the pending method when there is one:
 * <ul>
 *   <li>505 UNEXPECTED_FRAME: a method frame while content is pending; a header or body frame
 *       with no content-carrying method before it; a body frame before the header; a second
 *       header; a header whose class differs from the method's.</li>
 *   <li>501 FRAME_ERROR: a body frame larger than what remains of the declared body size, as
 *       RabbitMQ's {@code rabbit_command_assembler} answers ("content body frame exceeds
 *       remaining content size").</li>
 *   <li>406 PRECONDITION_FAILED: a declared body size above the configured maximum. This is
 *       RabbitMQ's answer to a message above its configured {@code max_message_size}
 *       ({@code rabbit_channel:check_msg_size}); being a soft error it closes only the channel,
 *       which then discards the rest of the content. Checking the declared size at the header,
 *       before any body arrives, keeps an oversized message from ever being buffered.</li>
 * </ul>
 * After any error the assembler is idle again; the caller closes the channel or connection.
 *
 * <p>Memory: body frames are kept as received and joined once, when the last one arrives, so
 * memory grows with the octets received rather than with the size a peer declares. A body that
 * arrives in a single frame is used as is, without a copy.
 *
 * <p>Concurrency: not thread-safe; confine an instance to the thread or serial executor that
 * reads its channel's frames.
 */
public final class ContentAssembler {
    /** The default largest body accepted: 128 MiB, RabbitMQ's default {@code max_message_size}. */
    public static final long DEFAULT_MAX_BODY_SIZE = 128L * 1024 * 1024;

    private final long maxBodySize;

    private AmqpMethod method;
    private Frame.HeaderFrame header;
    private final List<byte[]> fragments = new ArrayList<>();
    private long received;

    /** An assembler accepting bodies up to {@link #DEFAULT_MAX_BODY_SIZE}. */
    public ContentAssembler() {
        this(DEFAULT_MAX_BODY_SIZE);
    }

    /**
     * An assembler accepting bodies up to {@code maxBodySize} octets.
     *
     * @throws IllegalArgumentException if {@code maxBodySize} is negative or above
     *     {@code Integer.MAX_VALUE - 8} (a body must fit one array)
     */
    public ContentAssembler(long maxBodySize) {
        if (maxBodySize < 0 || maxBodySize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodySize " + maxBodySize + " is outside 0..2^31-9");
        }
        this.maxBodySize = maxBodySize;
    }

    /** Whether a content-carrying method has been accepted and its content is not complete yet. */
    public boolean inProgress() {
        return method != null;
    }

    /**
     * Accepts a method frame's method.
     *
     * @return {@code true} if the method carries content, which the following header and body
     *     frames complete; {@code false} if the method is complete as it is
     * @throws ProtocolException 505 UNEXPECTED_FRAME if content of an earlier method is pending
     */
    public boolean onMethod(AmqpMethod next) throws ProtocolException {
        if (method != null) {
            throw fail(ReplyCode.UNEXPECTED_FRAME, "method " + next.methodName() + " arrived while content of "
                + method.methodName() + " was pending");
        }
        if (!next.hasContent()) {
            return false;
        }
        method = next;
        return true;
    }

    /**
     * Accepts a content header frame.
     *
     * @return the content if its body is empty, otherwise {@code null}
     * @throws ProtocolException 505 UNEXPECTED_FRAME if no content-carrying method is pending, the
     *     header was already received, or the header's class differs from the method's; 406
     *     PRECONDITION_FAILED if the declared body size exceeds the maximum
     */
    public Content onHeader(Frame.HeaderFrame next) throws ProtocolException {
        if (method == null) {
            throw fail(ReplyCode.UNEXPECTED_FRAME, "content header without a content-carrying method");
        }
        if (header != null) {
            throw fail(ReplyCode.UNEXPECTED_FRAME, "second content header for " + method.methodName());
        }
        if (next.classId() != method.classId()) {
            throw fail(ReplyCode.UNEXPECTED_FRAME, "content header for class " + next.classId() + " after "
                + method.methodName());
        }
        if (next.bodySize() > maxBodySize) {
            throw fail(ReplyCode.PRECONDITION_FAILED, "message size " + next.bodySize()
                + " is larger than configured max size " + maxBodySize);
        }
        header = next;
        return next.bodySize() == 0 ? complete(new byte[0]) : null;
    }

    /**
     * Accepts a content body frame.
     *
     * @return the content if this frame completes the body, otherwise {@code null}
     * @throws ProtocolException 505 UNEXPECTED_FRAME if no header is pending; 501 FRAME_ERROR if
     *     the frame holds more octets than remain of the declared body size
     */
    public Content onBody(Frame.BodyFrame next) throws ProtocolException {
        if (header == null) {
            throw fail(ReplyCode.UNEXPECTED_FRAME, method == null
                ? "content body without a content-carrying method"
                : "content body before the content header of " + method.methodName());
        }
        byte[] payload = next.payload();
        long remaining = header.bodySize() - received;
        if (payload.length > remaining) {
            throw fail(ReplyCode.FRAME_ERROR, "content body frame of " + payload.length
                + " octets exceeds the remaining content size " + remaining);
        }
        if (payload.length == remaining && fragments.isEmpty()) {
            return complete(payload);
        }
        if (payload.length > 0) {
            fragments.add(payload);
            received += payload.length;
        }
        return received == header.bodySize() ? complete(join()) : null;
    }

    /** Drops any pending content, e.g. when the channel closes. */
    public void reset() {
        method = null;
        header = null;
        fragments.clear();
        received = 0;
    }

    private byte[] join() {
        byte[] body = new byte[(int) received];
        int offset = 0;
        for (byte[] fragment : fragments) {
            System.arraycopy(fragment, 0, body, offset, fragment.length);
            offset += fragment.length;
        }
        return body;
    }

    private Content complete(byte[] body) {
        Content content = new Content(method, header.properties(), header.encodedProperties(), body);
        reset();
        return content;
    }

    private ProtocolException fail(ReplyCode code, String text) {
        ProtocolError error = method == null
            ? ProtocolError.of(code, text)
            : new ProtocolError(code, text, method.classId(), method.methodId());
        reset();
        return new ProtocolException(error);
    }
}
