package org.fieldpost.protocol.codec;

import io.netty.buffer.ByteBuf;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.method.AmqpMethod;

/**
 * Encodes and decodes method frame payloads (class id, method id, arguments; spec section
 * 4.2.4), driven by the method records registered in {@link MethodRegistry}.
 *
 * <p>Thread-safe: no state.
 */
public final class MethodCodec {

    private MethodCodec() {
    }

    /**
     * Writes {@code method}'s class id, method id and arguments to {@code out}. A {@code null}
     * shortstr, longstr or table argument is written empty.
     *
     * @throws IllegalArgumentException if the method's type is not registered, or an argument does
     *     not fit its wire type (an octet, short or long out of range, a shortstr over 255 UTF-8
     *     octets, a table value without a field type); {@code out} is then left as it was
     * @throws NullPointerException if {@code method} is null
     */
    public static void encode(AmqpMethod method, ByteBuf out) {
        MethodDescriptor descriptor = MethodRegistry.descriptor(method.getClass());
        if (descriptor == null) {
            throw new IllegalArgumentException(method.getClass().getName() + " is not registered in MethodRegistry");
        }
        int start = out.writerIndex();
        try {
            out.writeShort(method.classId());
            out.writeShort(method.methodId());
            descriptor.encodeArguments(method, out);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /**
     * Reads one method from {@code payload}, which must hold exactly one method frame payload;
     * all of its readable octets are consumed. The result shares no memory with {@code payload}.
     *
     * @throws ProtocolException 502 SYNTAX_ERROR if the payload is shorter than its arguments, an
     *     argument is malformed, or octets are left after the last argument; 540 NOT_IMPLEMENTED if
     *     no method is registered for the class and method id. The error carries the class and
     *     method id whenever they could be read.
     */
    public static AmqpMethod decode(ByteBuf payload) throws ProtocolException {
        Wire.require(payload, 4, "method frame payload (class-id, method-id)");
        int classId = payload.readUnsignedShort();
        int methodId = payload.readUnsignedShort();
        MethodDescriptor descriptor = MethodRegistry.descriptor(classId, methodId);
        if (descriptor == null) {
            throw new ProtocolException(new ProtocolError(ReplyCode.NOT_IMPLEMENTED,
                "unknown method: class " + classId + ", method " + methodId, classId, methodId));
        }
        AmqpMethod method = descriptor.decodeArguments(payload);
        if (payload.isReadable()) {
            throw descriptor.error(ReplyCode.SYNTAX_ERROR,
                payload.readableBytes() + " octets follow the last argument");
        }
        return method;
    }
}
