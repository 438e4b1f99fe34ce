package org.fieldpost.protocol.frame;

import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.method.AmqpMethod;

/** One decoded AMQP frame. */
public sealed interface Frame {

    /** The channel number; 0 for connection-level frames. */
    int channel();

    /** A method frame. */
    record MethodFrame(int channel, AmqpMethod method) implements Frame {
    }

    /** A content header frame. */
    record HeaderFrame(int channel, int classId, long bodySize, BasicProperties properties) implements Frame {
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
