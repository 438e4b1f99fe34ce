package org.fieldpost.protocol.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport both ends of a Fieldpost connection use: Linux's native epoll when Netty's
 * native library ({@code netty-transport-native-epoll}) is on the class path and loads, else Java
 * NIO. Epoll needs fewer system calls per wake-up and per read, which matters when every message
 * wakes several threads (a persistent send, a fan-out). The system property
 * {@value #PROPERTY}{@code =nio} forces NIO.
 *
 * <p>Concurrency: stateless after class initialisation.
 */
public final class NettyTransport {
    /** System property choosing the transport: {@code nio} forces NIO; anything else means the best one. */
    public static final String PROPERTY = "fieldpost.transport";

    private static final boolean EPOLL = !"nio".equalsIgnoreCase(System.getProperty(PROPERTY)) && epollLoads();

    private NettyTransport() {
    }

    private static boolean epollLoads() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false; // the epoll classes are not on the class path
        }
    }

    /** {@code "epoll"} or {@code "nio"}. */
    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    /**
     * A group of event loops on daemon threads named {@code prefix-N-M}.
     *
     * @param threads the number of event loops; 0 means Netty's default (twice the cores)
     */
    public static EventLoopGroup group(int threads, String prefix) {
        DefaultThreadFactory factory = new DefaultThreadFactory(prefix, true);
        return EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /** The client socket class matching {@link #group}. */
    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The server socket class matching {@link #group}. */
    public static Class<? extends ServerSocketChannel> serverSocketChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
