package org.fieldpost.jms.amqp;

import io.netty.channel.EventLoopGroup;
import org.fieldpost.protocol.transport.NettyTransport;
import org.fieldpost.protocol.transport.SharedIoThreads;

/**
 * The I/O threads of every client connection of this class loader: the {@link SharedIoThreads} (one
 * event loop per core, at least two; {@link NettyTransport}: epoll on Linux, else NIO; daemon
 * threads named {@code fieldpost-io-N}), which a broker embedded in the same JVM serves its
 * connections on too. A connection is pinned to one of them.
 *
 * <p>The clients hold the group for good: its threads are daemons and idle threads cost nothing,
 * while giving it up and taking it again would race with concurrent connects.
 */
final class IoThreads {

    private IoThreads() {
    }

    static EventLoopGroup group() {
        return Holder.GROUP;
    }

    /** Whether the current thread is one of the shared I/O threads. */
    static boolean isIoThread() {
        return Thread.currentThread().getName().startsWith(SharedIoThreads.PREFIX + "-");
    }

    private static final class Holder {
        static final EventLoopGroup GROUP = SharedIoThreads.acquire();
    }
}
