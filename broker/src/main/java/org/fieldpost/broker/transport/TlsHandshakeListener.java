package org.fieldpost.broker.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the log how a socket's TLS handshake ended, right behind the {@code SslHandler}: a failure in
 * one line ({@code FP-T003}; the {@code SslHandler} has closed the socket already), success at debug
 * level with the protocol, cipher suite and client certificate. A peer that hangs up before saying
 * anything (a port probe) is logged at debug level only, and so is one that stays silent (the
 * connection's handshake timeout logs {@code FP-C004} for it).
 *
 * <p>Concurrency: runs on the socket's event loop.
 */
final class TlsHandshakeListener extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeListener.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                logSuccess(ctx);
            } else if (done.cause() instanceof ClosedChannelException) {
                LOG.debug("FP-T003 {} closed the connection during the TLS handshake", ctx.channel().remoteAddress());
            } else if (done.cause() instanceof SslHandshakeTimeoutException) {
                // FP-C004 tells of clients that do not finish the handshake in time
                LOG.debug("FP-T003 TLS handshake with {} timed out", ctx.channel().remoteAddress());
            } else {
                LOG.warn("FP-T003 TLS handshake with {} failed: {}", ctx.channel().remoteAddress(),
                    reason(done.cause()));
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    private static void logSuccess(ChannelHandlerContext ctx) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        String peer;
        try {
            peer = session.getPeerPrincipal().getName();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            peer = "no client certificate";
        }
        LOG.debug("FP-T004 TLS with {}: {} {}, {}", ctx.channel().remoteAddress(), session.getProtocol(),
            session.getCipherSuite(), peer);
    }

    private static String reason(Throwable cause) {
        if (cause instanceof NotSslRecordException) {
            return "the client does not speak TLS (a plain AMQP client on the TLS port?)";
        }
        String text = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        if (text.contains("PKIX") || text.contains("certification path")) {
            return "the client's certificate is not trusted by the broker's trust store (" + text + ")";
        }
        if (text.contains("Received fatal alert")) {
            return "the client refused the handshake, usually because it does not trust the broker's certificate"
                + " or the certificate does not name the host it connected to (" + text + ")";
        }
        if (text.contains("Empty client certificate chain")) {
            return "the client presented no certificate, and one is required (" + text + ")";
        }
        return text;
    }
}
