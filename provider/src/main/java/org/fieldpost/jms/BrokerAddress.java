package org.fieldpost.jms;

import jakarta.jms.JMSException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ServiceLoader;
import org.fieldpost.protocol.EmbeddedBrokerLauncher;

/**
 * Where to connect for a URL: the URL's host and port, or for {@code vm://NAME} the in-VM broker that an
 * {@link EmbeddedBrokerLauncher} found with {@link ServiceLoader} starts or joins.
 *
 * @param address the socket address, or for an in-VM broker its local address
 * @param launcher the launcher to release when the connection closes, or {@code null}
 * @param name the in-VM broker's name, or {@code null}
 */
record BrokerAddress(SocketAddress address, EmbeddedBrokerLauncher launcher, String name) {

    /** Resolves {@code url}; for {@code vm://} this blocks until the embedded broker accepts connections. */
    static BrokerAddress resolve(ConnectionUrl url) throws JMSException {
        if (!url.isVm()) {
            return new BrokerAddress(InetSocketAddress.createUnresolved(url.host(), url.port()), null, null);
        }
        EmbeddedBrokerLauncher launcher = ServiceLoader.load(EmbeddedBrokerLauncher.class,
            BrokerAddress.class.getClassLoader()).findFirst().orElseThrow(() -> new JMSException(
            "no embedded broker on the class path for " + url + ": add org.fieldpost:fieldpost-broker"));
        try {
            return new BrokerAddress(launcher.acquire(url.host(), url.options()), launcher, url.host());
        } catch (RuntimeException e) {
            throw JmsExceptionSupport.withCause(new JMSException("cannot start the embedded broker " + url.host()
                + ": " + e.getMessage()), e);
        }
    }

    /** Counts one user less of the in-VM broker, if any. */
    void release() {
        if (launcher != null) {
            launcher.release(name);
        }
    }
}
