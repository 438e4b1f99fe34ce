package org.fieldpost.broker.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultithreadEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.fieldpost.protocol.transport.NettyTransport;
import org.fieldpost.protocol.transport.SharedIoThreads;

/**
 * The Netty listeners: a plain TCP one, a TLS one, an in-VM one, or several, sharing one group of
 * event loops. Each accepted connection gets its own pipeline (on a TLS listener a {@code SslHandler}
 * first, then protocol header, frame decoder, idle detection, connection handler) and stays on one
 * event loop for its whole life.
 *
 * <p>Concurrency: {@link #bind}, {@link #bindTls} and {@link #close} are called by the broker's
 * lifecycle thread.
 */
public final class AmqpServer implements AutoCloseable {
    static final String IDLE_HANDLER = "idle";
    static final String CONNECTION_HANDLER = "connection";
    /** A client that has not sent tune-ok this long after connecting is disconnected. */
    static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final WriteBufferWaterMark CHILD_WATER_MARK = new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024);

    private final EventLoopGroup boss = NettyTransport.group(1, "fieldpost-accept");
    private final EventLoopGroup workers;
    private final boolean sharedWorkers;
    private boolean closed; // guarded by this
    private final List<Channel> listeners = new ArrayList<>();
    /** Every accepted connection still open: the shared event loops outlive the server. */
    private final ChannelGroup accepted = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);

    /**
     * @param ioThreads number of event loops serving connections; 0 means the I/O threads shared with
     *     the Fieldpost clients of this JVM ({@link SharedIoThreads}: one for every two cores, at least
     *     one, unless its system property sets the number). Not Netty's twice the cores: a message
     *     crosses from its publisher's connection to its consumer's, and each crossing between loops
     *     is a wake-up, so fewer loops sharing more connections do better (measured on two cores)
     */
    public AmqpServer(int ioThreads) {
        this.sharedWorkers = ioThreads == 0;
        this.workers = sharedWorkers ? SharedIoThreads.acquire()
            : NettyTransport.group(ioThreads, SharedIoThreads.PREFIX);
    }

    /**
     * The number of event loops a broker alone in its JVM (the broker program) runs unless configured:
     * one per core, at least two. It has no client to share threads with, and a fan-in of many
     * connections keeps several loops busy: on two cores, one loop instead of two cut a flooding
     * non-persistent producer's delivery rate by a fifth (benchmarks README, session 10).
     */
    public static int ownIoThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** True when the server runs on the I/O threads it shares with the clients of its JVM. */
    public boolean sharesIoThreads() {
        return sharedWorkers;
    }

    /** The number of event loops serving connections. */
    public int ioThreads() {
        return workers instanceof MultithreadEventLoopGroup group ? group.executorCount() : 1;
    }

    /**
     * Binds a plain AMQP listener and blocks until it is bound.
     *
     * @param initialFrameMax the frame-max in force before {@code connection.tune-ok}
     * @return the bound address (the chosen port when {@code port} is 0)
     * @throws java.io.UncheckedIOException wrapping the bind failure
     */
    public InetSocketAddress bind(String host, int port, long initialFrameMax, FrameHandlerFactory factory) {
        return bind(host, port, initializer(initialFrameMax, factory, null));
    }

    /**
     * Binds an AMQPS listener: every accepted socket speaks TLS (a server {@code SslHandler} from
     * {@code tls}) before AMQP. A socket whose handshake fails is closed and logged once
     * ({@code FP-T003}); the other connections never notice.
     *
     * @return the bound address (the chosen port when {@code port} is 0)
     * @throws java.io.UncheckedIOException wrapping the bind failure
     */
    public InetSocketAddress bindTls(String host, int port, long initialFrameMax, FrameHandlerFactory factory,
        SslContext tls) {
        return bind(host, port, initializer(initialFrameMax, factory, tls));
    }

    /**
     * Binds an in-VM listener: clients in this JVM connect to {@code name} with Netty's local transport,
     * with no socket in between (frames pass from one event loop to the other as buffers). The same
     * pipeline as a plain listener's.
     *
     * @throws java.io.UncheckedIOException when {@code name} is bound already in this JVM
     */
    public LocalAddress bindInVm(String name, long initialFrameMax, FrameHandlerFactory factory) {
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, workers)
            .channel(LocalServerChannel.class)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, CHILD_WATER_MARK)
            .childHandler(initializer(initialFrameMax, factory, null));
        LocalAddress address = new LocalAddress(name);
        listeners.add(listen(() -> bootstrap.bind(address), "in-VM " + name));
        return address;
    }

    private InetSocketAddress bind(String host, int port, ChannelHandler initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, workers)
            .channel(NettyTransport.serverSocketChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, CHILD_WATER_MARK)
            .childHandler(initializer);
        Channel listener = listen(() -> bootstrap.bind(host, port), host + ":" + port);
        listeners.add(listener);
        return (InetSocketAddress) listener.localAddress();
    }

    private static Channel listen(Supplier<ChannelFuture> bind, String description) {
        try {
            return bind.get().sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + description, e);
        } catch (Exception e) {
            throw new java.io.UncheckedIOException(new java.io.IOException(
                "cannot listen on " + description + ": " + e.getMessage(), e));
        }
    }

    private ChannelHandler initializer(long initialFrameMax, FrameHandlerFactory factory, SslContext tls) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted.add(ch);
                if (tls != null) {
                    // First in the pipeline: everything behind it sees plain AMQP bytes. Writes are
                    // consolidated before encryption, so one flush makes few TLS records.
                    SslHandler ssl = tls.newHandler(ch.alloc());
                    // The connection's handshake deadline (FP-C004) covers the TLS handshake too, as no
                    // AMQP byte gets through before it is done; Netty's own timeout is only a backstop.
                    ssl.setHandshakeTimeoutMillis(2 * HANDSHAKE_TIMEOUT_MILLIS);
                    ch.pipeline()
                        .addLast("tls", ssl)
                        .addLast("tls-events", new TlsHandshakeListener());
                }
                // The heartbeat handler goes in before "connection" once tune-ok settled an interval.
                ch.pipeline()
                    .addLast("flush", new FlushConsolidationHandler(256, true))
                    .addLast("header", new ProtocolHeaderHandler())
                    .addLast(CONNECTION_HANDLER, new ConnectionHandler(factory, initialFrameMax));
            }
        };
    }

    /**
     * Stops listening, closes every accepted connection still open and gives up its event loops
     * (shut down, or released when shared with clients); blocks until done. Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Channel listener : listeners) {
            listener.close().syncUninterruptibly();
        }
        listeners.clear();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        accepted.close().awaitUninterruptibly();
        if (sharedWorkers) {
            SharedIoThreads.release();
        } else {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
