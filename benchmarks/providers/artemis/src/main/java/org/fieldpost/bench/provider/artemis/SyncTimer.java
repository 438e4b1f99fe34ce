package org.fieldpost.bench.provider.artemis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Times a synced 4 KiB write on a disk: the figure that {@code artemis create} turns into the
 * journal buffer timeout of a new broker instance (how long the journal waits to gather writes
 * into one sync).
 */
final class SyncTimer {
    private static final int BLOCK = 4096;
    private static final int WRITES = 100;

    private SyncTimer() {
    }

    /** The mean time of one synced write in {@code directory}, in nanoseconds. Blocks for ~WRITES syncs. */
    static int nanosPerSyncedWrite(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("sync-test.tmp");
        ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ)) {
            for (int i = 0; i < WRITES; i++) {
                block.clear();
                channel.write(block, (long) i * BLOCK);
            }
            channel.force(true);
            long start = System.nanoTime();
            for (int i = 0; i < WRITES; i++) {
                block.clear();
                channel.write(block, (long) i * BLOCK);
                channel.force(false);
            }
            return (int) Math.max(1, (System.nanoTime() - start) / WRITES);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
