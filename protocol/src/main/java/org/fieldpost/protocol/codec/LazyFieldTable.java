package org.fieldpost.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import org.fieldpost.protocol.ProtocolException;

/**
 * A field table kept in its wire form and decoded on first use: the headers of a received message,
 * which a broker forwards without reading (it looks up one header, {@code x-delivery-time}, with
 * {@link #valueOf}) and a client reads on the thread that consumes the message rather than on its
 * I/O thread.
 *
 * <p>The octets were checked with {@link FieldTables#skipTable} before this was made, so decoding
 * cannot fail. The map is what {@link FieldTables#readTable} returns for them: unmodifiable, in
 * wire order, a repeated name keeping its last value; equality and hash code are those of any map.
 *
 * <p>Concurrency: thread-safe. The array is never written after construction; two threads may
 * decode it at once and publish equal maps, one of which wins.
 */
public final class LazyFieldTable extends AbstractMap<String, Object> {

    private final byte[] wire;
    private final int offset;
    private final int length;
    private volatile Map<String, Object> decoded;

    /**
     * @param wire an array holding a table already checked by {@link FieldTables#skipTable}; the
     *     caller never changes it
     * @param offset where the table's 32-bit length starts
     * @param length the octets of the table, its length field included
     */
    LazyFieldTable(byte[] wire, int offset, int length) {
        this.wire = wire;
        this.offset = offset;
        this.length = length;
    }

    /**
     * The value of {@code name} in {@code table}, or null if absent; a lazy table is scanned for it
     * and left undecoded.
     */
    public static Object valueOf(Map<String, ?> table, String name) {
        if (table instanceof LazyFieldTable lazy) {
            return lazy.scan(name);
        }
        return table == null ? null : table.get(name);
    }

    /** True until something has needed the decoded map (tests, statistics). */
    public boolean undecoded() {
        return decoded == null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return table().entrySet();
    }

    @Override
    public Object get(Object key) {
        return table().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return table().containsKey(key);
    }

    @Override
    public int size() {
        return table().size();
    }

    private Map<String, Object> table() {
        Map<String, Object> table = decoded;
        if (table == null) {
            try {
                table = FieldTables.readTable(buffer());
            } catch (ProtocolException e) {
                throw new IllegalStateException("a field table checked on receipt failed to decode", e);
            }
            decoded = table;
        }
        return table;
    }

    /** The last value named {@code name}, as the decoded map would hold it; decodes only that value. */
    private Object scan(String name) {
        Map<String, Object> table = decoded;
        if (table != null || !isAscii(name)) {
            return table().get(name);
        }
        ByteBuf in = buffer();
        try {
            in.skipBytes(4);
            Object value = null;
            while (in.isReadable()) {
                if (nameMatches(in, name)) {
                    value = FieldTables.readValue(in, 1);
                } else {
                    FieldTables.skipValue(in, 1);
                }
            }
            return value;
        } catch (ProtocolException e) {
            throw new IllegalStateException("a field table checked on receipt failed to decode", e);
        }
    }

    /** Steps over the field name at the reader index, telling whether it is {@code name} (ASCII). */
    private boolean nameMatches(ByteBuf in, String name) {
        int nameLength = in.readUnsignedByte();
        int start = in.readerIndex();
        in.skipBytes(nameLength);
        if (nameLength != name.length()) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (wire[offset + start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private ByteBuf buffer() {
        return Unpooled.wrappedBuffer(wire, offset, length);
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
