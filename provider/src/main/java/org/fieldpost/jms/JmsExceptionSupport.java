package org.fieldpost.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fieldpost.jms.amqp.AmqpException;
import org.fieldpost.protocol.ReplyCode;

/**
 * The one place where failures of the AMQP layer become {@link JMSException}s, and checked JMS
 * exceptions become their {@link JMSRuntimeException} twins for the simplified API.
 *
 * <p>Reply codes: 403 ACCESS_REFUSED → {@link JMSSecurityException}; 404 NOT_FOUND →
 * {@link InvalidDestinationException}; 405 RESOURCE_LOCKED → {@link JMSException} (callers that know
 * better, such as the client-id claim, translate it themselves); 406 PRECONDITION_FAILED and the rest →
 * {@link JMSException}; transport failures → {@link JMSException} with the I/O error as cause and
 * linked exception.
 */
final class JmsExceptionSupport {

    private JmsExceptionSupport() {
    }

    /** Translates any failure; a {@link JMSException} passes unchanged. */
    static JMSException toJms(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof JMSException jms) {
            return jms;
        }
        if (t instanceof JMSRuntimeException rt && rt.getCause() instanceof JMSException jms) {
            return jms;
        }
        if (t instanceof AmqpException amqp) {
            return fromAmqp(amqp);
        }
        if (t instanceof TimeoutException) {
            return withCause(new JMSException("timed out: " + t.getMessage()), t);
        }
        return withCause(new JMSException(t.getMessage() == null ? t.toString() : t.getMessage()), t);
    }

    private static JMSException fromAmqp(AmqpException e) {
        ReplyCode code = e.replyCode();
        String text = e.error() == null ? e.getMessage() : e.error().code().code() + " " + e.error().text();
        JMSException jms;
        if (code == null) {
            jms = new JMSException(e.getMessage());
        } else {
            jms = switch (code) {
                case ACCESS_REFUSED -> new JMSSecurityException(text, String.valueOf(code.code()));
                case NOT_FOUND -> new InvalidDestinationException(text, String.valueOf(code.code()));
                case RESOURCE_ERROR -> new ResourceAllocationException(text, String.valueOf(code.code()));
                default -> new JMSException(text, String.valueOf(code.code()));
            };
        }
        return withCause(jms, e);
    }

    static <T extends JMSException> T withCause(T jms, Throwable cause) {
        if (cause != null) {
            jms.initCause(cause);
            if (cause instanceof Exception ex) {
                jms.setLinkedException(ex);
            }
        }
        return jms;
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
            && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Waits for {@code future} on the calling thread (never the I/O thread).
     *
     * @param timeoutMillis at most this long; 0 or less waits without limit
     * @throws JMSException the translated failure, a timeout, or an interruption (the interrupt flag is kept)
     */
    static <T> T await(CompletableFuture<T> future, long timeoutMillis, String what) throws JMSException {
        try {
            return timeoutMillis > 0 ? future.get(timeoutMillis, TimeUnit.MILLISECONDS) : future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw withCause(new JMSException("interrupted while waiting for " + what), e);
        } catch (TimeoutException e) {
            throw withCause(new JMSException("no answer from the broker within " + timeoutMillis + " ms for " + what),
                e);
        } catch (ExecutionException e) {
            throw toJms(e);
        }
    }

    /** The simplified API's unchecked twin of {@code e}, with {@code e} as cause. */
    static JMSRuntimeException toRuntime(Throwable failure) {
        if (failure instanceof JMSRuntimeException rt) {
            return rt;
        }
        JMSException e = toJms(failure);
        String m = e.getMessage();
        String c = e.getErrorCode();
        JMSRuntimeException rt;
        if (e instanceof IllegalStateException) {
            rt = new IllegalStateRuntimeException(m, c, e);
        } else if (e instanceof InvalidClientIDException) {
            rt = new InvalidClientIDRuntimeException(m, c, e);
        } else if (e instanceof InvalidDestinationException) {
            rt = new InvalidDestinationRuntimeException(m, c, e);
        } else if (e instanceof InvalidSelectorException) {
            rt = new InvalidSelectorRuntimeException(m, c, e);
        } else if (e instanceof JMSSecurityException) {
            rt = new JMSSecurityRuntimeException(m, c, e);
        } else if (e instanceof MessageFormatException) {
            rt = new MessageFormatRuntimeException(m, c, e);
        } else if (e instanceof MessageNotWriteableException) {
            rt = new MessageNotWriteableRuntimeException(m, c, e);
        } else if (e instanceof ResourceAllocationException) {
            rt = new ResourceAllocationRuntimeException(m, c, e);
        } else if (e instanceof TransactionInProgressException) {
            rt = new TransactionInProgressRuntimeException(m, c, e);
        } else if (e instanceof TransactionRolledBackException) {
            rt = new TransactionRolledBackRuntimeException(m, c, e);
        } else {
            rt = new JMSRuntimeException(m, c, e);
        }
        return rt;
    }
}
