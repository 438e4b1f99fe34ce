package org.fieldpost.protocol.transport;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads of this class loader, {@code fieldpost-io-N}, shared by every Fieldpost client
 * connection and by every broker that runs embedded with its default number of I/O threads: one
 * event loop per core, at least two.
 *
 * <p>A broker embedded beside its clients then serves their connections on the same threads that
 * run them, instead of each side having its own set. Every message crosses between a client's
 * connection and the broker's, and a crossing between threads is a wake-up; with two sets of
 * threads on the same cores there are twice as many threads to wake. Measured on two cores, a
 * broker embedded with its clients (benchmarks README, session 9): persistent 1+1 and 4+4 and
 * request-reply 9–17% faster, a fan-out to 4 subscribers 3%; a non-persistent producer sends 30%
 * faster, and its consumer, which falls further behind, receives up to 15% slower.
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

    private static EventLoopGroup group; // guarded by SharedIoThreads.class
    private static int holders; // guarded by SharedIoThreads.class

    private SharedIoThreads() {
    }

    /** The number of event loops in the shared group: one per core, at least two. */
    public static int size() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
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
