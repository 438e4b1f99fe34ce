package org.fieldpost.broker.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive use of a data directory by one broker: an OS file lock on {@code fieldpost.lock},
 * held for the life of the broker and released by the OS if the process dies. A second broker
 * (in another process or in this JVM) is refused with a message naming the holder's process id,
 * before it touches the database.
 *
 * <p>Concurrency: {@link #acquire} is thread-safe; {@link #close} is idempotent.
 */
public final class DataDirectoryLock implements AutoCloseable {

    /** The lock file's name inside the data directory. */
    public static final String FILE_NAME = "fieldpost.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the directory when missing and locks it.
     *
     * @throws StoreException when another broker holds the directory, or it cannot be created or locked
     */
    public static DataDirectoryLock acquire(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new StoreException("data directory " + dataDirectory.toAbsolutePath()
                    + " is in use by another Fieldpost broker" + (holder.isEmpty() ? "" : " (process " + holder + ")")
                    + "; refusing to start");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                0);
            channel.force(false);
            return new DataDirectoryLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock data directory " + dataDirectory.toAbsolutePath() + ": " + e, e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot release " + file, e);
        }
    }
}
