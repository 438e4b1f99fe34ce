package org.fieldpost.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --tls-*} options of the {@code fieldpost} program (a picocli mixin of {@link Main}).
 *
 * <p>Passwords need not be on the command line, where other users of the machine can read them: each
 * can come from a file (its first line) or from an environment variable. What wins: the command line,
 * then the environment, then the {@code --config} file.
 */
final class TlsOptions {
    /** The environment variable holding the key store's password. */
    static final String KEYSTORE_PASSWORD_ENV = "FIELDPOST_TLS_KEYSTORE_PASSWORD";
    /** The environment variable holding the trust store's password. */
    static final String TRUSTSTORE_PASSWORD_ENV = "FIELDPOST_TLS_TRUSTSTORE_PASSWORD";

    @Option(names = "--tls-port", paramLabel = "N",
        description = "AMQPS port (default 5671 once a key store is given; 0 picks a free port)")
    private Integer port;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
        description = "key store (PKCS12 or JKS) with the broker's private key and certificate; turns TLS on")
    private Path keyStore;

    @Option(names = "--tls-keystore-type", paramLabel = "TYPE", description = "key store type (default PKCS12)")
    private String keyStoreType;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD",
        description = "key store password (also the key's); prefer --tls-keystore-password-file or $"
            + KEYSTORE_PASSWORD_ENV)
    private String keyStorePassword;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
        description = "file whose first line is the key store password")
    private Path keyStorePasswordFile;

    @Option(names = "--tls-truststore", paramLabel = "FILE",
        description = "trust store of the client certificates or CAs to accept (default: the JDK's)")
    private Path trustStore;

    @Option(names = "--tls-truststore-type", paramLabel = "TYPE", description = "trust store type (default PKCS12)")
    private String trustStoreType;

    @Option(names = "--tls-truststore-password", paramLabel = "PASSWORD",
        description = "trust store password; prefer --tls-truststore-password-file or $" + TRUSTSTORE_PASSWORD_ENV)
    private String trustStorePassword;

    @Option(names = "--tls-truststore-password-file", paramLabel = "FILE",
        description = "file whose first line is the trust store password")
    private Path trustStorePasswordFile;

    @Option(names = "--tls-client-auth", paramLabel = "none|want|need",
        description = "whether clients must present a certificate (default none)")
    private String clientAuth;

    @Option(names = "--tls-protocols", paramLabel = "LIST", split = ",",
        description = "TLS versions to offer: TLSv1.3, TLSv1.2 (default both)")
    private List<String> protocols;

    /**
     * Puts the environment's passwords and then the command line's settings over what {@code tls} holds.
     *
     * @throws IllegalArgumentException for a malformed value, a password given twice or an unreadable
     *     password file
     */
    void applyTo(TlsConfig.Builder tls, Map<String, String> environment) {
        String environmentKeyPassword = environment.get(KEYSTORE_PASSWORD_ENV);
        if (environmentKeyPassword != null) {
            tls.keyStorePassword(environmentKeyPassword);
        }
        String environmentTrustPassword = environment.get(TRUSTSTORE_PASSWORD_ENV);
        if (environmentTrustPassword != null) {
            tls.trustStorePassword(environmentTrustPassword);
        }
        if (port != null) {
            tls.port(port);
        }
        if (keyStore != null) {
            tls.keyStore(keyStore);
        }
        if (keyStoreType != null) {
            tls.keyStoreType(keyStoreType);
        }
        String keyPassword = password(keyStorePassword, keyStorePasswordFile, "--tls-keystore-password");
        if (keyPassword != null) {
            tls.keyStorePassword(keyPassword);
        }
        if (trustStore != null) {
            tls.trustStore(trustStore);
        }
        if (trustStoreType != null) {
            tls.trustStoreType(trustStoreType);
        }
        String trustPassword = password(trustStorePassword, trustStorePasswordFile, "--tls-truststore-password");
        if (trustPassword != null) {
            tls.trustStorePassword(trustPassword);
        }
        if (clientAuth != null) {
            tls.clientAuth(TlsConfig.ClientAuth.parse(clientAuth));
        }
        if (protocols != null) {
            tls.protocols(protocols);
        }
    }

    private static String password(String value, Path file, String option) {
        if (value != null && file != null) {
            throw new IllegalArgumentException("give " + option + " or " + option + "-file, not both");
        }
        return file != null ? readPasswordFile(file) : value;
    }

    /**
     * The first line of {@code file}, without its line end (an empty file is the empty password).
     *
     * @throws IllegalArgumentException naming the file when it cannot be read
     */
    static String readPasswordFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the password file " + file + ": "
                + BrokerConfigFile.reason(e), e);
        }
    }
}
