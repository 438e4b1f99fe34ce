package org.fieldpost.protocol.frame;

import java.util.Arrays;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.codec.PropertiesCodec;
import org.fieldpost.protocol.method.AmqpMethod;

/** One decoded AMQP frame. */
public sealed interface Frame {

    /** The channel number; 0 for connection-level frames. */
    int channel();

    /** A method frame. */
    record MethodFrame(int channel, AmqpMethod method) implements Frame {
    }

    /**
     * A content header frame.
     *
     * <p>{@code encodedProperties} is the property part of the header (flags and property list)
     * exactly as it travels on the wire: a decoded frame holds the peer's own octets, so a broker
     * can forward them unchanged to every consumer instead of re-encoding {@code properties}. The
     * array is owned by the frame and never modified. It is left out of {@code equals},
     * {@code hashCode} and {@code toString}, which compare and show the decoded properties.
     *
     * @param classId the content's class; always 60 ({@code basic}) in a decoded frame
     * @param bodySize the total body size in octets, announced ahead of the body frames
     * @param properties the decoded properties
     * @param encodedProperties the wire form of {@code properties}
     */
    record HeaderFrame(int channel, int classId, long bodySize, BasicProperties properties, byte[] encodedProperties)
        implements Frame {

        /**
         * A header whose {@code encodedProperties} are computed from {@code properties}.
         *
         * @throws IllegalArgumentException if a property does not fit its wire type
         */
        public HeaderFrame(int channel, int classId, long bodySize, BasicProperties properties) {
            this(channel, classId, bodySize, properties, PropertiesCodec.encode(properties));
        }

        /** Null {@code properties} mean {@link BasicProperties#EMPTY}; null {@code encodedProperties} are computed. */
        public HeaderFrame {
            properties = properties == null ? BasicProperties.EMPTY : properties;
            encodedProperties = encodedProperties == null ? PropertiesCodec.encode(properties) : encodedProperties;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HeaderFrame h && h.channel == channel && h.classId == classId
                && h.bodySize == bodySize && h.properties.equals(properties);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(new Object[] {channel, classId, bodySize, properties});
        }

        @Override
        public String toString() {
            return "HeaderFrame[channel=" + channel + ", classId=" + classId + ", bodySize=" + bodySize
                + ", properties=" + properties + "]";
        }
    }

    /** A content body frame; {@code payload} is owned by the frame and never modified. */
    record BodyFrame(int channel, byte[] payload) implements Frame {
    }

    /** A heartbeat frame (always channel 0). */
    record HeartbeatFrame() implements Frame {
        public static final HeartbeatFrame INSTANCE = new HeartbeatFrame();

        @Override
        public int channel() {
            return 0;
        }
    }
}
