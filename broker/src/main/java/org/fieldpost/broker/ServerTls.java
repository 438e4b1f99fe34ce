package org.fieldpost.broker;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server side of TLS made from a {@link TlsConfig}: Netty's context on the JDK's TLS
 * implementation, and the broker's certificate for the log. Every failure to read a store becomes
 * one {@link TlsConfigException} naming the file, so that a broker with a broken TLS set-up refuses
 * to start with a one-line reason.
 *
 * @param context the server context; one {@code SslHandler} per accepted socket comes from it
 * @param certificate the certificate of the key store's first private key
 */
record ServerTls(SslContext context, X509Certificate certificate) {

    /**
     * Forward-secret AEAD suites only (Mozilla's "intermediate" choice): every TLSv1.3 suite, and for
     * TLSv1.2 ECDHE with AES-GCM or ChaCha20-Poly1305. Those the JDK lacks are left out.
     */
    static final List<String> CIPHER_SUITES = List.of(
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /**
     * Reads the stores and builds the context. Blocks on file I/O; call it before binding.
     *
     * @throws TlsConfigException when a store is missing, unreadable or locked with another password,
     *     or the key store holds no private key
     */
    static ServerTls create(TlsConfig config) {
        KeyStore keys = load("key store", config.keyStore(), config.keyStoreType(), config.keyStorePassword());
        X509Certificate certificate = firstKeyCertificate(keys, config.keyStore());
        SslContextBuilder builder = SslContextBuilder.forServer(keyManagers(keys, config))
            .sslProvider(SslProvider.JDK)
            .protocols(config.protocols())
            .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
            .clientAuth(switch (config.clientAuth()) {
                case NONE -> ClientAuth.NONE;
                case WANT -> ClientAuth.OPTIONAL;
                case NEED -> ClientAuth.REQUIRE;
            });
        if (config.trustStore() != null) {
            KeyStore trusted = load("trust store", config.trustStore(), config.trustStoreType(),
                config.trustStorePassword());
            builder.trustManager(trustManagers(trusted, config.trustStore()));
        }
        try {
            return new ServerTls(builder.build(), certificate);
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigException("cannot set up TLS with the key store " + config.keyStore() + ": "
                + e.getMessage(), e);
        }
    }

    /** The subject and validity of the broker's certificate, for the start-up log. */
    String describe() {
        return certificate.getSubjectX500Principal().getName() + ", valid until "
            + certificate.getNotAfter().toInstant();
    }

    /** Whether the broker's certificate is within its validity period now. */
    boolean isValidNow() {
        Date now = new Date();
        return !now.before(certificate.getNotBefore()) && !now.after(certificate.getNotAfter());
    }

    private static KeyStore load(String what, Path file, String type, String password) {
        if (!Files.isRegularFile(file)) {
            throw new TlsConfigException("the TLS " + what + " " + file + " does not exist or is not a file", null);
        }
        String storeType = type != null ? type : KeyStore.getDefaultType();
        KeyStore store;
        try {
            store = KeyStore.getInstance(storeType);
        } catch (KeyStoreException e) {
            throw new TlsConfigException("unknown type '" + storeType + "' of the TLS " + what + " " + file, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsConfigException("cannot open the TLS " + what + " " + file + ": wrong password"
                    + (password == null ? " (none given)" : "") + " (" + e.getMessage() + ")", e);
            }
            String shown = storeType.toUpperCase(Locale.ROOT);
            throw new TlsConfigException("cannot read the TLS " + what + " " + file + " as " + shown + ": "
                + (e.getMessage() != null ? e.getMessage() : "not a " + shown + " file"), e);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot read the TLS " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate firstKeyCertificate(KeyStore keys, Path file) {
        try {
            for (String alias : Collections.list(keys.aliases())) {
                Certificate certificate = keys.getCertificate(alias);
                if (keys.isKeyEntry(alias) && certificate instanceof X509Certificate x509) {
                    return x509;
                }
            }
        } catch (KeyStoreException e) {
            throw new TlsConfigException("cannot read the TLS key store " + file + ": " + e.getMessage(), e);
        }
        throw new TlsConfigException("the TLS key store " + file + " holds no private key with a certificate"
            + " (it must hold the broker's key and certificate chain)", null);
    }

    private static KeyManagerFactory keyManagers(KeyStore keys, TlsConfig config) {
        String password = config.keyStorePassword();
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password == null ? new char[0] : password.toCharArray());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot read the private key in the TLS key store " + config.keyStore()
                + ": " + e.getMessage() + (password == null ? " (no password given)"
                : " (the key's password must be the key store's)"), e);
        }
    }

    private static TrustManagerFactory trustManagers(KeyStore trusted, Path file) {
        try {
            if (Collections.list(trusted.aliases()).stream().noneMatch(alias -> isCertificate(trusted, alias))) {
                throw new TlsConfigException("the TLS trust store " + file + " holds no certificate", null);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException("cannot use the TLS trust store " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isCertificate(KeyStore store, String alias) {
        try {
            return store.getCertificate(alias) != null;
        } catch (KeyStoreException e) {
            return false;
        }
    }
}
