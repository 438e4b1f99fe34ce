package org.fieldpost.bench.jms;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Small helpers for {@link BrokerPlugin} implementations. */
public final class PluginSupport {
    private PluginSupport() {
    }

    /**
     * A loopback port that was free a moment ago, for brokers whose acceptor cannot bind port 0 and
     * report it. Another process could take it in between; on a benchmark machine that is unlikely.
     */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The version in a class's jar manifest, or {@code "?"}. */
    public static String versionOf(Class<?> type) {
        Package pkg = type.getPackage();
        String version = pkg == null ? null : pkg.getImplementationVersion();
        return version == null ? "?" : version;
    }
}
