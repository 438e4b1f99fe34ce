package org.fieldpost.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.testing.BrokerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-VM listener ({@link EmbeddedBroker.Builder#inVm}): the same AMQP pipeline as a TCP
 * listener's, reached through Netty's local transport, and the names {@code vm://} URLs resolve
 * ({@link InVmBrokers}).
 */
class InVmListenerTest {

    private static final EventLoopGroup CLIENT_LOOP = new DefaultEventLoopGroup(1);

    @TempDir
    Path data;

    @AfterAll
    static void stopLoop() {
        CLIENT_LOOP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private EmbeddedBroker inVmOnly(String name, Path directory) {
        return EmbeddedBroker.builder().port(-1).inVm(name).dataDirectory(directory).build().start();
    }

    /** Sends the protocol header over the local transport and returns the first frame's first 11 bytes. */
    private static byte[] firstFrameHead(SocketAddress address) throws Exception {
        CompletableFuture<byte[]> head = new CompletableFuture<>();
        Channel channel = new Bootstrap().group(CLIENT_LOOP).channel(LocalChannel.class)
            .handler(new ChannelInitializer<LocalChannel>() {
                @Override
                protected void initChannel(LocalChannel ch) {
                    ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                        private final ByteBuf received = Unpooled.buffer();

                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf in) {
                            received.writeBytes(in);
                            if (received.readableBytes() >= 11) {
                                byte[] bytes = new byte[11];
                                received.readBytes(bytes);
                                head.complete(bytes);
                            }
                        }
                    });
                }
            }).connect(address).sync().channel();
        try {
            channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1})).sync();
            return head.get(10, TimeUnit.SECONDS);
        } finally {
            channel.close().sync();
        }
    }

    @Test
    void aBrokerListeningOnlyInVmHasNoPortAndAnswersTheProtocolHeaderWithConnectionStart() throws Exception {
        String name = BrokerExtension.unique("in-vm-only");
        try (EmbeddedBroker broker = inVmOnly(name, data)) {
            assertThat(broker.port()).isEqualTo(-1);
            assertThat(broker.inVmAddress()).isEqualTo(new LocalAddress(name));

            byte[] head = firstFrameHead(broker.inVmAddress());

            assertThat(head[0]).as("a method frame").isEqualTo((byte) 1);
            assertThat(new byte[] {head[7], head[8], head[9], head[10]}).as("connection.start")
                .containsExactly(0, 10, 0, 10);
        }
    }

    @Test
    void aSecondBrokerCannotTakeAnInVmNameInUseAndTheFirstKeepsServing(@TempDir Path other) throws Exception {
        String name = BrokerExtension.unique("taken");
        try (EmbeddedBroker first = inVmOnly(name, data)) {
            assertThatThrownBy(() -> inVmOnly(name, other)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("in-VM " + name);

            assertThat(firstFrameHead(first.inVmAddress())[0]).isEqualTo((byte) 1);
        }
    }

    @Test
    void aBrokerWithNoListenerAtAllIsRefused() {
        assertThatThrownBy(() -> EmbeddedBroker.builder().port(-1).dataDirectory(data).build().start())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("no listener");
        assertThatThrownBy(() -> EmbeddedBroker.builder().inVm(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vmUrlsJoinAnApplicationsBrokerAndLeaveItRunningAndFindNothingOnceItStopped(@TempDir Path own)
        throws Exception {
        String name = BrokerExtension.unique("application");
        InVmBrokers launcher = new InVmBrokers();
        EmbeddedBroker application = EmbeddedBroker.builder().port(0).inVm(name).dataDirectory(data).build().start();
        try {
            assertThat(launcher.acquire(name, Map.of())).isEqualTo(application.inVmAddress());
            launcher.release(name);

            assertThat(application.inVmAddress()).as("still running").isNotNull();
            assertThat(firstFrameHead(application.inVmAddress())[0]).isEqualTo((byte) 1);
        } finally {
            application.close();
        }

        // The name is free again: a vm:// URL now starts a broker of its own, stopped by the last release.
        SocketAddress started = launcher.acquire(name, Map.of("data", own.toString()));
        try {
            assertThat(firstFrameHead(started)[0]).isEqualTo((byte) 1);
        } finally {
            launcher.release(name);
        }
        assertThatThrownBy(() -> firstFrameHead(started)).as("stopped with its last user")
            .isInstanceOf(ConnectException.class).hasMessageContaining("connection refused");
    }
}
