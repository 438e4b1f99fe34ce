package org.fieldpost.jms;

import jakarta.jms.JMSException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.fieldpost.jms.amqp.AmqpConnectionOptions;

/**
 * What one {@code createConnection} call resolved from the factory's URL and the caller's credentials.
 *
 * @param url the parsed URL
 * @param user the user to log in as
 * @param password the password
 * @param clientId the administratively configured client id, or {@code null}
 * @param prefetch the prefetch window of each consumer
 * @param sendTimeoutMillis the longest a send blocks (0: no limit): waiting for flow control (the message is
 *     then not sent) plus, for a persistent send, waiting for its confirm
 * @param closeTimeoutMillis how long close waits for the broker
 */
record ConnectionSettings(ConnectionUrl url, String user, String password, String clientId, int prefetch,
    long sendTimeoutMillis, long closeTimeoutMillis) {

    static ConnectionSettings of(ConnectionUrl url, String user, String password) {
        String u = user != null ? user : url.user() != null ? url.user() : "guest";
        String p = user != null ? (password == null ? "" : password)
            : url.password() != null ? url.password() : "guest";
        String clientId = url.option(ConnectionUrl.CLIENT_ID);
        int prefetch = (int) Math.max(0, Math.min(65535, url.longOption(ConnectionUrl.PREFETCH,
            ConnectionUrl.DEFAULT_PREFETCH)));
        return new ConnectionSettings(url, u, p, clientId == null || clientId.isEmpty() ? null : clientId, prefetch,
            url.longOption(ConnectionUrl.SEND_TIMEOUT, 0), url.longOption(ConnectionUrl.CLOSE_TIMEOUT,
            AmqpConnectionOptions.DEFAULT_CLOSE_TIMEOUT_MILLIS));
    }

    /**
     * The AMQP options for connecting to {@code address}: TCP to an {@link InetSocketAddress}, else the
     * in-VM broker the URL names.
     */
    AmqpConnectionOptions amqpOptions(SocketAddress address) throws JMSException {
        if (address instanceof InetSocketAddress tcp) {
            return amqpOptions(tcp.getHostString(), tcp.getPort(), null);
        }
        return amqpOptions(url.host(), 0, address);
    }

    private AmqpConnectionOptions amqpOptions(String host, int port, SocketAddress inVm) throws JMSException {
        return new AmqpConnectionOptions(host, port, url.virtualHost(), user, password,
            (int) url.longOption(ConnectionUrl.HEARTBEAT, -1),
            url.longOption(ConnectionUrl.CONNECT_TIMEOUT, AmqpConnectionOptions.DEFAULT_CONNECT_TIMEOUT_MILLIS),
            closeTimeoutMillis, url.isTls() ? ClientTls.context(url) : null, clientId, inVm);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ConnectionSettings[" + url + ", user=" + user + ", clientId=" + clientId + ", prefetch=" + prefetch
            + "]";
    }
}
