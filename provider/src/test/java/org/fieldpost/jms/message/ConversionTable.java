package org.fieldpost.jms.message;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The conversion table of spec 3.5.4 (properties) and 3.11.3 (map and stream messages), written
 * out literally: each row is a written value and the types it can be read as ('X').
 */
final class ConversionTable {
    /** The read methods, in the order of the table's columns. */
    enum ReadAs { BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, BYTES }

    /** What a cell expects when the conversion is not allowed. */
    static final Object FORMAT_ERROR = new Object() {
        @Override
        public String toString() {
            return "MessageFormatException";
        }
    };

    private static final Object[][] ROWS = {
        //                             bool byte shrt char int  long flt  dbl  Str  byte[]
        {true, "X . . . . . . . X ."},
        {(byte) 1, ". X X . X X . . X ."},
        {(short) 2, ". . X . X X . . X ."},
        {'c', ". . . X . . . . X ."},
        {3, ". . . . X X . . X ."},
        {4L, ". . . . . X . . X ."},
        {5.5f, ". . . . . . X X X ."},
        {6.25d, ". . . . . . . X X ."},
        {"7", "X X X . X X X X X ."},
        {new byte[] {8}, ". . . . . . . . . X"},
    };

    private ConversionTable() {
    }

    /** Every cell: (written value, read type, expected value or {@link #FORMAT_ERROR}). */
    static List<Arguments> cells(boolean bodyTypes) {
        List<Arguments> cells = new ArrayList<>();
        for (Object[] row : ROWS) {
            Object written = row[0];
            if (!bodyTypes && (written instanceof Character || written instanceof byte[])) {
                continue;
            }
            String[] marks = ((String) row[1]).split(" ");
            for (ReadAs readAs : ReadAs.values()) {
                if (!bodyTypes && (readAs == ReadAs.CHAR || readAs == ReadAs.BYTES)) {
                    continue;
                }
                boolean allowed = marks[readAs.ordinal()].equals("X");
                cells.add(Arguments.of(written, readAs, allowed ? convert(written, readAs) : FORMAT_ERROR));
            }
        }
        return cells;
    }

    private static Object convert(Object written, ReadAs readAs) {
        if (written instanceof String s) {
            return switch (readAs) {
                case BOOLEAN -> Boolean.valueOf(s);
                case BYTE -> Byte.valueOf(s);
                case SHORT -> Short.valueOf(s);
                case INT -> Integer.valueOf(s);
                case LONG -> Long.valueOf(s);
                case FLOAT -> Float.valueOf(s);
                case DOUBLE -> Double.valueOf(s);
                default -> s;
            };
        }
        if (written instanceof Number n) {
            return switch (readAs) {
                case BYTE -> n.byteValue();
                case SHORT -> n.shortValue();
                case INT -> n.intValue();
                case LONG -> n.longValue();
                case FLOAT -> n.floatValue();
                case DOUBLE -> n.doubleValue();
                default -> n.toString();
            };
        }
        if (readAs == ReadAs.STRING) {
            return written.toString();
        }
        return written;
    }
}
