package org.fieldpost.broker;

/**
 * The broker's TLS set-up cannot be used: a key or trust store that is missing, unreadable, of the
 * wrong type or locked with another password, a key store without a private key. The message names
 * the file and says what is wrong; the cause is the JDK's exception.
 */
public class TlsConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
