package org.fieldpost.jms.amqp;

import io.netty.channel.EventLoopGroup;
import org.fieldpost.protocol.transport.NettyTransport;
import org.fieldpost.protocol.transport.SharedIoThreads;

/**
 * The I/O threads of every client connection of this class loader: the {@link SharedIoThreads} (one
 * event loop for every two cores, at least one, or the number the system property
 * {@value SharedIoThreads#PROPERTY} sets; {@link NettyTransport}: epoll on Linux, else NIO; daemon
 * threads named {@code fieldpost-io-N}), which a broker embedded in the same JVM serves its
 * connections on too. A connection is pinned to one of them.
 *
 * <p>The clients hold the group for good, from their first connection: its threads are daemons and
 * idle threads cost nothing, while giving it up and taking it again would race with concurrent
 * connects.
 *
 * <p>Concurrency: thread-safe (the class monitor).
 */
final class IoThreads {
    private static EventLoopGroup group; // guarded by IoThreads.class

    private IoThreads() {
    }

    /**
     * The shared group, taken on the first call.
     *
     * @throws IllegalArgumentException if {@value SharedIoThreads#PROPERTY} is invalid (on every call until it is
     *     fixed)
     */
    static synchronized EventLoopGroup group() {
        if (group == null) {
            group = SharedIoThreads.acquire();
        }
        return group;
    }

    /** Whether the current thread is one of the shared I/O threads. */
    static boolean isIoThread() {
        return Thread.currentThread().getName().startsWith(SharedIoThreads.PREFIX + "-");
    }
}
