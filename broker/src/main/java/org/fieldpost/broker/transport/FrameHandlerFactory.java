package org.fieldpost.broker.transport;

import java.net.SocketAddress;

/** Creates the connection-layer handler for each accepted socket. */
@FunctionalInterface
public interface FrameHandlerFactory {

    /**
     * Called on the new socket's event loop when it is accepted.
     *
     * @param writer writes frames to the socket
     * @param remote the peer's address (an in-VM address for local transports)
     */
    FrameHandler create(FrameWriter writer, SocketAddress remote);
}
