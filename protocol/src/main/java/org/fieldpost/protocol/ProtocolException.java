package org.fieldpost.protocol;

/** A checked carrier for a {@link ProtocolError}, thrown by decoders and method handlers. */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ProtocolError error;

    public ProtocolException(ProtocolError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }

    public ProtocolException(ReplyCode code, String text) {
        this(ProtocolError.of(code, text));
    }

    public ProtocolError error() {
        return error;
    }
}
