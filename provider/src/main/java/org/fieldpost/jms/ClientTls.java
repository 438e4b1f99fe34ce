package org.fieldpost.jms;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of an {@code amqps://} URL: Netty's client context on the JDK's TLS implementation,
 * TLSv1.3 and TLSv1.2 only.
 *
 * <ul>
 *   <li>Trust: {@code trustStore}, {@code trustStorePassword}, {@code trustStoreType}; without them the
 *       JVM's default trust ({@code javax.net.ssl.trustStore} and friends when set, else the JDK's
 *       {@code cacerts}).</li>
 *   <li>Client certificate: {@code keyStore}, {@code keyStorePassword} (which also unlocks the key),
 *       {@code keyStoreType}; without them {@code javax.net.ssl.keyStore} and friends when set, else none.</li>
 *   <li>{@code verifyHost} (default {@code true}): the broker's certificate must name the URL's host
 *       (RFC 2818 rules: a DNS or IP subject alternative name).</li>
 * </ul>
 *
 * <p>Stateless; the stores are read at every {@code createConnection}, so replaced files take effect
 * without a restart. Failures are {@link JMSException}s naming the file and the URL option, never a
 * password.
 */
final class ClientTls {
    /** The TLS versions offered, newest first. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ClientTls() {
    }

    /**
     * The client context for {@code url}. Blocks on reading the stores.
     *
     * @throws JMSException naming the file when a store is missing, unreadable or locked with another
     *     password, or when an option is malformed
     */
    static SslContext context(ConnectionUrl url) throws JMSException {
        boolean verifyHost;
        try {
            verifyHost = url.booleanOption(ConnectionUrl.VERIFY_HOST, true);
        } catch (IllegalArgumentException e) {
            throw JmsExceptionSupport.withCause(new JMSException(e.getMessage()), e);
        }
        SslContextBuilder builder = SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .protocols(PROTOCOLS)
            .trustManager(trustManagers(url));
        KeyManagerFactory keys = keyManagers(url);
        if (keys != null) {
            builder.keyManager(keys);
        }
        if (verifyHost) {
            builder.endpointIdentificationAlgorithm("HTTPS");
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw JmsExceptionSupport.withCause(new JMSException("cannot set up TLS for " + url + ": "
                + e.getMessage()), e);
        }
    }

    private static TrustManagerFactory trustManagers(ConnectionUrl url) throws JMSException {
        String file = url.option(ConnectionUrl.TRUST_STORE);
        KeyStore store = file == null || file.isEmpty() ? null : load("trust store", ConnectionUrl.TRUST_STORE, file,
            url.option(ConnectionUrl.TRUST_STORE_TYPE), url.option(ConnectionUrl.TRUST_STORE_PASSWORD));
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            // null: the JVM's default trust, javax.net.ssl.trustStore when set
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException e) {
            throw JmsExceptionSupport.withCause(new JMSException("cannot use the TLS trust store "
                + (file != null ? file : "of the JVM") + ": " + e.getMessage()), e);
        }
    }

    /** The client's key managers, or {@code null} when no key store is named by the URL or the JVM. */
    private static KeyManagerFactory keyManagers(ConnectionUrl url) throws JMSException {
        String file = url.option(ConnectionUrl.KEY_STORE);
        String option = ConnectionUrl.KEY_STORE;
        String type = url.option(ConnectionUrl.KEY_STORE_TYPE);
        String password = url.option(ConnectionUrl.KEY_STORE_PASSWORD);
        if (file == null || file.isEmpty()) {
            file = System.getProperty("javax.net.ssl.keyStore");
            if (file == null || file.isEmpty() || file.equals("NONE")) {
                return null;
            }
            option = "javax.net.ssl.keyStore";
            type = System.getProperty("javax.net.ssl.keyStoreType");
            password = System.getProperty("javax.net.ssl.keyStorePassword");
        }
        KeyStore store = load("key store", option, file, type, password);
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password == null ? new char[0] : password.toCharArray());
            return factory;
        } catch (GeneralSecurityException e) {
            throw JmsExceptionSupport.withCause(new JMSException("cannot read the private key in the TLS key store "
                + file + " (" + option + "): " + e.getMessage()), e);
        }
    }

    private static KeyStore load(String what, String option, String file, String type, String password)
        throws JMSException {
        String where = "the TLS " + what + " " + file + " (" + option + ")";
        String storeType = type == null || type.isEmpty() ? KeyStore.getDefaultType() : type;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance(storeType);
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw JmsExceptionSupport.withCause(new JMSException(where + " does not exist"), e);
        } catch (IOException e) {
            String reason = e.getCause() instanceof UnrecoverableKeyException ? "wrong password"
                : e.getMessage() != null ? e.getMessage() : "not a " + storeType.toUpperCase(Locale.ROOT) + " file";
            throw JmsExceptionSupport.withCause(new JMSException("cannot read " + where + ": " + reason), e);
        } catch (GeneralSecurityException e) {
            throw JmsExceptionSupport.withCause(new JMSException("cannot read " + where + " as " + storeType + ": "
                + e.getMessage()), e);
        }
    }
}
