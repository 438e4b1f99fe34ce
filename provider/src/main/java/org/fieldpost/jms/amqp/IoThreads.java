package org.fieldpost.jms.amqp;

import io.netty.channel.EventLoopGroup;
import org.fieldpost.protocol.transport.NettyTransport;

/**
 * The I/O threads shared by every connection of this class loader: one lazily created event loop
 * group ({@link NettyTransport}: epoll on Linux, else NIO) of daemon threads named
 * {@code fieldpost-io-N}. A connection is pinned to one of them.
 *
 * <p>The group is never shut down: its threads are daemons and idle threads cost nothing, while
 * shutting it down and re-creating it would race with concurrent connects.
 */
final class IoThreads {
    private static final int THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private IoThreads() {
    }

    static EventLoopGroup group() {
        return Holder.GROUP;
    }

    /** Whether the current thread is one of the shared I/O threads. */
    static boolean isIoThread() {
        return Thread.currentThread().getName().startsWith("fieldpost-io-");
    }

    private static final class Holder {
        static final EventLoopGroup GROUP =
            NettyTransport.group(THREADS, "fieldpost-io");
    }
}
