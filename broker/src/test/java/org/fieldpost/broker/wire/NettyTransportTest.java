package org.fieldpost.broker.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.fieldpost.protocol.transport.NettyTransport;
import org.junit.jupiter.api.Test;

/**
 * The broker ships Netty's native epoll library for Linux x86-64 and uses it there; elsewhere it
 * falls back to NIO. Every other broker test then runs over the chosen transport.
 */
class NettyTransportTest {

    @Test
    void linuxOnX8664RunsOnEpollAndOtherPlatformsOnNio() {
        boolean linuxX64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
            && System.getProperty("os.arch").matches("amd64|x86_64");
        boolean forcedNio = "nio".equalsIgnoreCase(System.getProperty(NettyTransport.PROPERTY));
        if (linuxX64 && !forcedNio) {
            assertThat(NettyTransport.name()).isEqualTo("epoll");
            assertThat(NettyTransport.socketChannel()).isEqualTo(EpollSocketChannel.class);
            assertThat(NettyTransport.serverSocketChannel()).isEqualTo(EpollServerSocketChannel.class);
        } else {
            assertThat(NettyTransport.name()).isEqualTo("nio");
            assertThat(NettyTransport.socketChannel()).isEqualTo(NioSocketChannel.class);
            assertThat(NettyTransport.serverSocketChannel()).isEqualTo(NioServerSocketChannel.class);
        }
    }

    @Test
    void aGroupRunsTasksOnDaemonThreadsNamedByItsPrefix() throws Exception {
        EventLoopGroup group = NettyTransport.group(1, "transport-test");
        try {
            Thread thread = group.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertThat(thread.getName()).startsWith("transport-test-");
            assertThat(thread.isDaemon()).isTrue();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
