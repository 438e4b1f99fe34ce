package org.fieldpost.broker.testing;

/**
 * AMQP 0-9-1 reply codes (spec section 1.2 "constants"), spelled out here rather than taken from the
 * broker's protocol module so the tests stay an independent peer.
 */
public final class ReplyCodes {
    public static final int REPLY_SUCCESS = 200;
    public static final int NO_ROUTE = 312;
    public static final int CONNECTION_FORCED = 320;
    public static final int ACCESS_REFUSED = 403;
    public static final int NOT_FOUND = 404;
    public static final int RESOURCE_LOCKED = 405;
    public static final int PRECONDITION_FAILED = 406;
    public static final int FRAME_ERROR = 501;
    public static final int SYNTAX_ERROR = 502;
    public static final int COMMAND_INVALID = 503;
    public static final int CHANNEL_ERROR = 504;
    public static final int UNEXPECTED_FRAME = 505;
    public static final int NOT_ALLOWED = 530;
    public static final int NOT_IMPLEMENTED = 540;

    private ReplyCodes() {
    }
}
