package org.fieldpost.bench.provider.artemis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

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

    /**
     * The median time of one synced write in {@code directory}, in nanoseconds (the median, because
     * a shared disk's occasional slow sync would otherwise swing the figure from run to run).
     * Blocks for about {@value #WRITES} syncs.
     */
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
            long[] nanos = new long[WRITES];
            for (int i = 0; i < WRITES; i++) {
                long start = System.nanoTime();
                block.clear();
                channel.write(block, (long) i * BLOCK);
                channel.force(false);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            return (int) Math.max(1, nanos[WRITES / 2]);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
