package org.fieldpost.protocol.frame;

/** Frame type octets and framing constants (spec section 4.2.3). */
public final class FrameType {
    public static final int METHOD = 1;
    public static final int HEADER = 2;
    public static final int BODY = 3;
    public static final int HEARTBEAT = 8;

    /** The octet that ends every frame. */
    public static final int FRAME_END = 0xCE;
    /** Type (1) + channel (2) + size (4). */
    public static final int HEADER_SIZE = 7;
    /** Header plus frame-end octet: what a frame costs beyond its payload. */
    public static final int OVERHEAD = HEADER_SIZE + 1;
    /** The smallest frame-max a peer may negotiate (spec: frame-min-size). */
    public static final int FRAME_MIN_SIZE = 4096;

    private FrameType() {
    }
}
