package org.fieldpost.broker.transport;

import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.frame.Frame;

/**
 * What the transport tells the connection layer about one socket.
 *
 * <p>Concurrency: every callback runs on the connection's event loop, one at a time, and must not
 * block.
 */
public interface FrameHandler {

    /** The client sent the supported protocol header; the server speaks first now. */
    void headerAccepted();

    /** A complete frame arrived. */
    void frameReceived(Frame frame);

    /** The bytes could not be decoded; nothing more will be read from this socket. */
    void frameError(ProtocolError error);

    /** Nothing was received for two heartbeat intervals: the peer is presumed dead. */
    void peerSilent();

    /** Nothing was sent for half a heartbeat interval: a heartbeat is due. */
    void heartbeatDue();

    /** The socket's outbound buffer crossed its high or low water mark. */
    void writabilityChanged(boolean writable);

    /** The socket is closed (by either side); release everything. Called exactly once. */
    void closed();
}
