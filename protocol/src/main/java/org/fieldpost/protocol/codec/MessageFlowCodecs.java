package org.fieldpost.protocol.codec;

import io.netty.buffer.ByteBuf;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpMethod;

/**
 * Hand-written argument codecs of the three methods every message passes through: basic.publish,
 * basic.deliver and basic.ack. They write and read the same octets, and fail with the same errors,
 * as {@link MethodDescriptor}'s generic codec (MessageFlowCodecsTest compares the two), but call
 * the record's accessors and constructor directly: no argument array, no boxing and no method
 * handle per argument. That matters most before the JIT has compiled the generic loop, whose
 * method-handle chains it compiles late and at great cost, and a broker runs these once per
 * message and direction.
 *
 * <p>Thread-safe: no state.
 */
final class MessageFlowCodecs {

    /** The argument codec of one method: what {@link MethodDescriptor} delegates to. */
    interface ArgumentCodec {
        void encode(AmqpMethod method, ByteBuf out);

        /**
         * Reads the arguments; a malformed one is reported through {@code descriptor} with the
         * index of the argument being read, as the generic codec reports it.
         */
        AmqpMethod decode(ByteBuf in, MethodDescriptor descriptor) throws ProtocolException;
    }

    private MessageFlowCodecs() {
    }

    /** The hand-written codec of {@code type}, or null when it has none. */
    static ArgumentCodec of(Class<? extends AmqpMethod> type) {
        if (type == AmqpBasic.Publish.class) {
            return PUBLISH;
        }
        if (type == AmqpBasic.Deliver.class) {
            return DELIVER;
        }
        if (type == AmqpBasic.Ack.class) {
            return ACK;
        }
        return null;
    }

    private static int bit(boolean value, int index) {
        return value ? 1 << index : 0;
    }

    private static boolean bit(int bits, int index) {
        return (bits & (1 << index)) != 0;
    }

    private static final ArgumentCodec PUBLISH = new ArgumentCodec() {
        @Override
        public void encode(AmqpMethod method, ByteBuf out) {
            AmqpBasic.Publish p = (AmqpBasic.Publish) method;
            Wire.writeShort(out, p.reserved1(), "reserved1");
            Wire.writeShortString(out, p.exchange(), "exchange");
            Wire.writeShortString(out, p.routingKey(), "routingKey");
            out.writeByte(bit(p.mandatory(), 0) | bit(p.immediate(), 1));
        }

        @Override
        public AmqpMethod decode(ByteBuf in, MethodDescriptor descriptor) throws ProtocolException {
            int argument = 0;
            try {
                int reserved1 = Wire.readShort(in);
                argument++;
                String exchange = Wire.readShortString(in);
                argument++;
                String routingKey = Wire.readShortString(in);
                argument++;
                int bits = Wire.readOctet(in);
                return new AmqpBasic.Publish(reserved1, exchange, routingKey, bit(bits, 0), bit(bits, 1));
            } catch (ProtocolException e) {
                throw descriptor.argumentError(argument, e);
            }
        }
    };

    private static final ArgumentCodec DELIVER = new ArgumentCodec() {
        @Override
        public void encode(AmqpMethod method, ByteBuf out) {
            AmqpBasic.Deliver d = (AmqpBasic.Deliver) method;
            Wire.writeShortString(out, d.consumerTag(), "consumerTag");
            out.writeLong(d.deliveryTag());
            out.writeByte(bit(d.redelivered(), 0));
            Wire.writeShortString(out, d.exchange(), "exchange");
            Wire.writeShortString(out, d.routingKey(), "routingKey");
        }

        @Override
        public AmqpMethod decode(ByteBuf in, MethodDescriptor descriptor) throws ProtocolException {
            int argument = 0;
            try {
                String consumerTag = Wire.readShortString(in);
                argument++;
                long deliveryTag = Wire.readLongLong(in);
                argument++;
                boolean redelivered = bit(Wire.readOctet(in), 0);
                argument++;
                String exchange = Wire.readShortString(in);
                argument++;
                String routingKey = Wire.readShortString(in);
                return new AmqpBasic.Deliver(consumerTag, deliveryTag, redelivered, exchange, routingKey);
            } catch (ProtocolException e) {
                throw descriptor.argumentError(argument, e);
            }
        }
    };

    private static final ArgumentCodec ACK = new ArgumentCodec() {
        @Override
        public void encode(AmqpMethod method, ByteBuf out) {
            AmqpBasic.Ack a = (AmqpBasic.Ack) method;
            out.writeLong(a.deliveryTag());
            out.writeByte(bit(a.multiple(), 0));
        }

        @Override
        public AmqpMethod decode(ByteBuf in, MethodDescriptor descriptor) throws ProtocolException {
            int argument = 0;
            try {
                long deliveryTag = Wire.readLongLong(in);
                argument++;
                return new AmqpBasic.Ack(deliveryTag, bit(Wire.readOctet(in), 0));
            } catch (ProtocolException e) {
                throw descriptor.argumentError(argument, e);
            }
        }
    };
}
