package org.fieldpost.jms.message;

import org.fieldpost.protocol.BasicProperties;

/**
 * A JMS message as AMQP content: what {@code basic.publish} carries, and what
 * {@code basic.deliver} brought.
 *
 * @param properties the content header's properties
 * @param body the body octets (never {@code null}; not copied, do not modify)
 */
public record AmqpPayload(BasicProperties properties, byte[] body) {
}
