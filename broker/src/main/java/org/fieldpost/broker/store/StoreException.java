package org.fieldpost.broker.store;

/** A failure of the message store (I/O, database, corrupt data), always with its cause when there is one. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
