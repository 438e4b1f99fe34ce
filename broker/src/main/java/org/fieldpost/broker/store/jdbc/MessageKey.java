package org.fieldpost.broker.store.jdbc;

/**
 * A stored message's primary key: its virtual host's id and its id.
 *
 * @param vhostId the virtual host's id
 * @param messageId the message's id, unique within its virtual host
 */
record MessageKey(int vhostId, long messageId) {
}
