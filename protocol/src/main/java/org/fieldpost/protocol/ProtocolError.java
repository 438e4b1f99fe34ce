package org.fieldpost.protocol;

/**
 * A protocol error as a value: what goes into {@code channel.close} or {@code connection.close}.
 *
 * @param code the reply code; {@link ReplyCode#isHardError()} says whether the connection closes
 * @param text a short human-readable reason; text longer than the 255 UTF-8 octets a reply-text
 *     shortstr holds is cut (at a character boundary) so that it always fits the close method
 * @param classId the AMQP class of the method that caused it, or 0
 * @param methodId the AMQP method that caused it, or 0
 */
public record ProtocolError(ReplyCode code, String text, int classId, int methodId) {
    private static final int MAX_TEXT_OCTETS = 255;

    public ProtocolError {
        if (code == null) {
            throw new IllegalArgumentException("code");
        }
        text = text == null ? "" : fitShortString(text);
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

    /** {@code text} cut to at most 255 UTF-8 octets without splitting a character. */
    private static String fitShortString(String text) {
        if (text.length() <= MAX_TEXT_OCTETS / 3) {
            return text;
        }
        int octets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int width;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1))) {
                width = 4;
            } else {
                width = 3;
            }
            if (octets + width > MAX_TEXT_OCTETS) {
                return text.substring(0, i);
            }
            octets += width;
            if (width == 4) {
                i++;
            }
        }
        return text;
    }

    @Override
    public String toString() {
        return code.code() + " " + code + " - " + text
            + (classId != 0 ? " (class " + classId + ", method " + methodId + ")" : "");
    }
}
