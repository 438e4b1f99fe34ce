package org.fieldpost.jms.amqp;

import io.netty.handler.ssl.SslContext;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * Everything {@link NettyConnection#connect} needs to open a connection.
 *
 * @param host the broker's host name or address
 * @param port the broker's TCP port
 * @param virtualHost the virtual host to open ({@code "/"} by default)
 * @param username the SASL PLAIN user
 * @param password the SASL PLAIN password
 * @param heartbeatSeconds the heartbeat interval to ask for; negative: accept the broker's proposal,
 *     0: no heartbeats
 * @param connectTimeoutMillis the limit for the TCP connect and the whole handshake
 * @param closeTimeoutMillis how long an orderly close waits for {@code close-ok}
 * @param sslContext a client TLS context, or {@code null} for plain TCP
 * @param clientName a connection name shown by the broker ({@code connection_name}), or {@code null}
 * @param inVm the address of a broker in this JVM to reach through Netty's local transport instead of
 *     TCP to {@code host:port} (a {@code LocalAddress}; {@code host} then only names it), or {@code null}
 */
public record AmqpConnectionOptions(String host, int port, String virtualHost, String username, String password,
    int heartbeatSeconds, long connectTimeoutMillis, long closeTimeoutMillis, SslContext sslContext,
    String clientName, SocketAddress inVm) {

    /** The default connect and handshake timeout. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
    /** The default time an orderly close waits for the broker's close-ok. */
    public static final long DEFAULT_CLOSE_TIMEOUT_MILLIS = 5_000;

    public AmqpConnectionOptions {
        Objects.requireNonNull(host, "host");
        virtualHost = virtualHost == null || virtualHost.isEmpty() ? "/" : virtualHost;
        username = username == null ? "guest" : username;
        password = password == null ? "guest" : password;
    }

    /** Options with defaults for everything but the address and credentials. */
    public static AmqpConnectionOptions of(String host, int port, String username, String password) {
        return new AmqpConnectionOptions(host, port, "/", username, password, -1, DEFAULT_CONNECT_TIMEOUT_MILLIS,
            DEFAULT_CLOSE_TIMEOUT_MILLIS, null, null, null);
    }

    /** The broker as messages name it: {@code host:port}, or {@code in-VM NAME}. */
    public String peer() {
        return inVm != null ? "in-VM " + host : host + ":" + port;
    }

    @Override
    public String toString() {
        // Never print the password.
        return "AmqpConnectionOptions[" + username + "@" + peer() + virtualHost + ", heartbeat="
            + heartbeatSeconds + ", tls=" + (sslContext != null) + "]";
    }
}
