package org.fieldpost.broker.connection;

/**
 * Connection limits the server proposes in {@code connection.tune}.
 *
 * @param channelMax highest channel number accepted (1..65535)
 * @param frameMax largest frame accepted and sent, in bytes (at least 4096)
 * @param heartbeatSeconds heartbeat interval proposed; 0 proposes none
 * @param maxBodySize largest message body accepted, in bytes
 * @param version the broker version announced to clients
 */
public record BrokerSettings(int channelMax, long frameMax, int heartbeatSeconds, long maxBodySize, String version) {

    public BrokerSettings {
        if (channelMax < 1 || channelMax > 65535) {
            throw new IllegalArgumentException("channel-max must be 1..65535: " + channelMax);
        }
        if (frameMax < 4096) {
            throw new IllegalArgumentException("frame-max must be at least 4096: " + frameMax);
        }
        if (heartbeatSeconds < 0 || heartbeatSeconds > 65535) {
            throw new IllegalArgumentException("heartbeat must be 0..65535: " + heartbeatSeconds);
        }
    }
}
