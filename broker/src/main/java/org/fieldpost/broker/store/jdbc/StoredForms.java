package org.fieldpost.broker.store.jdbc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.BranchId;
import org.fieldpost.broker.store.PreparedBranchRecord;
import org.fieldpost.broker.store.StoreException;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.codec.FieldTables;
import org.fieldpost.protocol.codec.PropertiesCodec;

/**
 * The byte forms of what the store keeps in BLOB columns: arguments as AMQP field tables, message
 * properties in their content-header encoding (the same bytes the broker sends to consumers), and
 * the work of a prepared XA branch.
 *
 * <p>Concurrency: stateless.
 */
final class StoredForms {

    private StoredForms() {
    }

    static byte[] arguments(Map<String, Object> arguments) {
        ByteBuf buffer = Unpooled.buffer(16);
        FieldTables.writeTable(arguments, buffer);
        return ByteBufUtil.getBytes(buffer);
    }

    static Map<String, Object> arguments(byte[] stored) {
        try {
            return FieldTables.readTable(Unpooled.wrappedBuffer(stored));
        } catch (ProtocolException e) {
            throw new StoreException("corrupt arguments in the store: " + e.getMessage(), e);
        }
    }

    /** The encoded properties, reusing the bytes cached at publish when there are some. */
    static byte[] properties(Message message) {
        byte[] cached = message.encodedProperties();
        return cached != null ? cached : PropertiesCodec.encode(message.properties());
    }

    static BasicProperties properties(byte[] stored) {
        try {
            return PropertiesCodec.decode(stored, true);
        } catch (ProtocolException e) {
            throw new StoreException("corrupt message properties in the store: " + e.getMessage(), e);
        }
    }

    /** A message as read back, its encoded properties cached for delivery. */
    static Message message(long id, String exchange, String routingKey, long arrival, long expires,
                           byte[] properties, byte[] body) {
        Message m = Message.restore(id, exchange, routingKey, properties(properties), body, arrival, expires);
        m.cacheEncodedProperties(properties);
        return m;
    }

    static byte[] preparedWork(PreparedBranchRecord branch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            BranchId id = branch.branch();
            out.writeInt(id.formatId());
            writeBytes(out, id.globalId());
            writeBytes(out, id.branchQualifier());
            out.writeInt(branch.enqueues().size());
            for (PreparedBranchRecord.Enqueue e : branch.enqueues()) {
                out.writeUTF(e.queue());
                writeMessage(out, e.message());
            }
            out.writeInt(branch.dequeues().size());
            for (PreparedBranchRecord.Dequeue d : branch.dequeues()) {
                out.writeUTF(d.queue());
                out.writeLong(d.messageId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PreparedBranchRecord preparedWork(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            BranchId id = new BranchId(in.readInt(), readBytes(in), readBytes(in));
            int enqueueCount = in.readInt();
            List<PreparedBranchRecord.Enqueue> enqueues = new ArrayList<>(enqueueCount);
            for (int i = 0; i < enqueueCount; i++) {
                enqueues.add(new PreparedBranchRecord.Enqueue(in.readUTF(), readMessage(in)));
            }
            int dequeueCount = in.readInt();
            List<PreparedBranchRecord.Dequeue> dequeues = new ArrayList<>(dequeueCount);
            for (int i = 0; i < dequeueCount; i++) {
                dequeues.add(new PreparedBranchRecord.Dequeue(in.readUTF(), in.readLong()));
            }
            return new PreparedBranchRecord(id, enqueues, dequeues);
        } catch (IOException e) {
            throw new StoreException("corrupt prepared branch in the store", e);
        }
    }

    private static void writeMessage(DataOutputStream out, Message m) throws IOException {
        out.writeLong(m.id());
        out.writeUTF(m.exchange());
        out.writeUTF(m.routingKey());
        out.writeLong(m.arrivalMillis());
        out.writeLong(m.expiresAtMillis());
        writeBytes(out, properties(m));
        writeBytes(out, m.body());
    }

    private static Message readMessage(DataInputStream in) throws IOException {
        long id = in.readLong();
        String exchange = in.readUTF();
        String routingKey = in.readUTF();
        long arrival = in.readLong();
        long expires = in.readLong();
        byte[] properties = readBytes(in);
        return message(id, exchange, routingKey, arrival, expires, properties, readBytes(in));
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
