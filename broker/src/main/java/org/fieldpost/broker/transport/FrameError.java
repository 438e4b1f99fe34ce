package org.fieldpost.broker.transport;

import org.fieldpost.protocol.ProtocolError;

/** A decoding failure passed down the pipeline in place of a frame. */
record FrameError(ProtocolError error) {
}
