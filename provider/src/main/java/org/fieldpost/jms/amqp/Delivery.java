package org.fieldpost.jms.amqp;

import org.fieldpost.protocol.BasicProperties;

/**
 * A message the broker delivered to a consumer ({@code basic.deliver}) or returned to a
 * {@code basic.get} ({@code basic.get-ok}, {@code consumerTag} empty), with its content assembled.
 *
 * @param consumerTag the consumer it is for; empty for a get
 * @param deliveryTag the channel-wide tag to acknowledge it with
 * @param redelivered the broker's redelivered flag
 * @param exchange the exchange it was published to
 * @param routingKey the routing key it was published with
 * @param properties the content properties
 * @param body the body, owned by this value
 * @param epoch the channel's {@link ClientChannel#epoch() recovery epoch} when it arrived: a delivery
 *     whose epoch is older than the channel's current one was requeued by a {@code basic.recover}
 *     and must be dropped without acknowledgement
 */
public record Delivery(String consumerTag, long deliveryTag, boolean redelivered, String exchange,
    String routingKey, BasicProperties properties, byte[] body, int epoch) {
}
