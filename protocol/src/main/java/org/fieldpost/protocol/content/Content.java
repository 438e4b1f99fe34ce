package org.fieldpost.protocol.content;

import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.method.AmqpMethod;

/**
 * A content-carrying method together with its content, as assembled by {@link ContentAssembler}.
 * The arrays are owned by this value and must not be modified; {@code equals} compares them by
 * reference, as records do.
 *
 * @param method the method that announced the content, e.g. {@code basic.publish}
 * @param properties the decoded content properties
 * @param encodedProperties the properties' wire form (flags and property list) as the peer sent
 *     them, ready to be forwarded with {@code FrameEncoder.writeContent}
 * @param body the whole body
 */
public record Content(AmqpMethod method, BasicProperties properties, byte[] encodedProperties, byte[] body) {

    /** The body size in octets. */
    public int bodySize() {
        return body.length;
    }
}
