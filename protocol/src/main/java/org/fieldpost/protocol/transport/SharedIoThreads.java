package org.fieldpost.protocol.transport;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads of this class loader, {@code fieldpost-io-N}, shared by every Fieldpost client
 * connection and by every broker that runs embedded with its default number of I/O threads: one
 * event loop for every two cores, at least one, unless the system property {@value #PROPERTY} sets
 * the number.
 *
 * <p>A broker embedded beside its clients then serves their connections on the same threads that
 * run them, instead of each side having its own set. Every message crosses between a client's
 * connection and the broker's, and between its publisher's connection and its consumer's; a
 * crossing between threads is a wake-up, and on one loop there is none to make. The loops also
 * share the cores with the threads that publish and consume and with the store's writer, so half
 * of the cores is their share. Measured on two cores, embedded, one loop against two (benchmarks
 * README, session 10, 3 pairs, medians): persistent 1+1 +42%, request-reply +35% (p50 147 against
 * 192 µs), a fan-out to 4 subscribers +21%, 4+4 +6%; transacted batches of 100 level in short
 * runs and 10% slower at steady state, a flooding non-persistent producer's consumer 12% slower in
 * short runs and level at steady state: what only throughput bounds loses the second core.
 * The broker program, alone in its JVM, runs its own loops instead, one per core: there one loop
 * held a flooding producer's deliveries back by a fifth.
 *
 * <p>Reference-counted: the group is created by the first {@link #acquire} and shut down when the
 * last holder {@link #release releases} it, so that a broker alone in its JVM leaves no thread
 * behind when it stops. Clients hold it for the life of the class loader.
 *
 * <p>Concurrency: thread-safe (the class monitor).
 */
public final class SharedIoThreads {
    /** Thread name prefix of the shared event loops. */
    public static final String PREFIX = "fieldpost-io";
    /** System property setting the number of shared event loops (a positive integer). */
    public static final String PROPERTY = "fieldpost.io-threads";

    private static EventLoopGroup group; // guarded by SharedIoThreads.class
    private static int holders; // guarded by SharedIoThreads.class

    private SharedIoThreads() {
    }

    /**
     * The number of event loops in the shared group: {@value #PROPERTY} if set, else one for every two
     * cores, at least one.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} is not a positive integer
     */
    public static int size() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null) {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
        int threads;
        try {
            threads = Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            threads = 0;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be a positive number of I/O "
                + "threads, not '" + configured + "'");
        }
        return threads;
    }

    /** The shared group, created when no one holds it; every call must be matched by one {@link #release}. */
    public static synchronized EventLoopGroup acquire() {
        if (group == null) {
            group = NettyTransport.group(size(), PREFIX);
        }
        holders++;
        return group;
    }

    /**
     * Gives up one hold on the group; the last one shuts it down and waits (at most a few seconds) for
     * its threads to finish. The caller must have closed its channels first.
     */
    public static void release() {
        EventLoopGroup last;
        synchronized (SharedIoThreads.class) {
            if (holders == 0) {
                throw new IllegalStateException("the shared I/O threads are not held");
            }
            if (--holders > 0) {
                return;
            }
            last = group;
            group = null;
        }
        last.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** How many holders the group has (tests). */
    public static synchronized int holders() {
        return holders;
    }
}
