package org.fieldpost.protocol;

/**
 * A protocol error as a value: what goes into {@code channel.close} or {@code connection.close}.
 *
 * @param code the reply code; {@link ReplyCode#isHardError()} says whether the connection closes
 * @param text a short human-readable reason (at most 255 bytes on the wire; longer text is cut)
 * @param classId the AMQP class of the method that caused it, or 0
 * @param methodId the AMQP method that caused it, or 0
 */
public record ProtocolError(ReplyCode code, String text, int classId, int methodId) {

    public ProtocolError {
        if (code == null) {
            throw new IllegalArgumentException("code");
        }
        text = text == null ? "" : text;
    }

    public static ProtocolError of(ReplyCode code, String text) {
        return new ProtocolError(code, text, 0, 0);
    }

    /** The same error attributed to a method. */
    public ProtocolError at(int classId, int methodId) {
        return new ProtocolError(code, text, classId, methodId);
    }

    /** True when the connection (not only the channel) must close. */
    public boolean closesConnection() {
        return code.isHardError();
    }

    /** The error as a checked exception, for code paths that unwind. */
    public ProtocolException toException() {
        return new ProtocolException(this);
    }

    @Override
    public String toString() {
        return code.code() + " " + code + " - " + text
            + (classId != 0 ? " (class " + classId + ", method " + methodId + ")" : "");
    }
}
