package org.fieldpost.jms.amqp;

import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Words for TLS failures: the JDK's message plus, for the common mistakes, what to change. Stateless.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /** The first {@link SSLException} in {@code failure}'s cause chain, or {@code null}. */
    static SSLException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The failure's innermost message with a hint for an untrusted certificate, a host mismatch or a refusal. */
    static String describe(Throwable failure) {
        String text = innermostMessage(failure);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("pkix") || lower.contains("certification path")) {
            return text + " (the broker's certificate is not trusted: name a trust store holding it or its CA in the"
                + " URL option trustStore, or the JVM's javax.net.ssl.trustStore)";
        }
        if (lower.contains("subject alternative") || lower.contains("no name matching")) {
            return text + " (the broker's certificate does not name the host of the URL; verifyHost=false skips"
                + " this check)";
        }
        if (lower.contains("certificate_required") || lower.contains("bad_certificate")
            || lower.contains("certificate_unknown") || lower.contains("unknown_ca")) {
            return text + " (the broker refused the client's certificate or wants one it trusts: URL options"
                + " keyStore, keyStorePassword)";
        }
        return text;
    }

    private static String innermostMessage(Throwable failure) {
        String text = failure.toString();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                text = t.getMessage();
            }
        }
        return text;
    }
}
