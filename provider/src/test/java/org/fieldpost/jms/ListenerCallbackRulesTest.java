package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a MessageListener or CompletionListener may do to its own connection, session or context
 * (spec 6.1.5, 6.1.8, 7.3.8 and the Javadoc of stop and close).
 */
class ListenerCallbackRulesTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    /** An action of a callback. */
    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** Records what a callback's action did: "done", or the exception it threw. */
    private static final class Outcome {
        private final AtomicReference<Object> value = new AtomicReference<>();

        void run(Action action) {
            try {
                action.run();
                value.set("done");
            } catch (Exception e) {
                value.set(e);
            }
        }

        Object awaitValue() {
            return await().until(value::get, v -> v != null);
        }
    }

    private static CompletionListener onCompletion(Outcome outcome, Action action) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                outcome.run(action);
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.value.set(exception);
            }
        };
    }

    @Test
    void completionListenerMayStopItsOwnContext() {
        try (JMSContext context = broker.factory().createContext()) {
            Queue queue = context.createQueue("callbacks.stop-in-completion");
            Outcome outcome = new Outcome();

            context.createProducer().setAsync(onCompletion(outcome, context::stop)).send(queue, "stop");

            assertThat(outcome.awaitValue()).isEqualTo("done");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThat(consumer.receiveBody(String.class, 5000)).as("autoStart restarts it").isEqualTo("stop");
        }
    }

    @Test
    void messageListenerMustNotStopItsOwnContext() {
        try (JMSContext context = broker.factory().createContext()) {
            Queue queue = context.createQueue("callbacks.stop-in-listener");
            Outcome outcome = new Outcome();
            context.createConsumer(queue).setMessageListener(m -> outcome.run(context::stop));

            context.createProducer().send(queue, "stop");

            assertThat(outcome.awaitValue()).isInstanceOf(IllegalStateRuntimeException.class);
        }
    }

    @Test
    void completionListenerMustNotCloseOrCommitItsOwnContext() {
        try (JMSContext context = broker.factory().createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = context.createQueue("callbacks.close-in-completion");
            Outcome closing = new Outcome();
            Outcome committing = new Outcome();

            context.createProducer().setAsync(onCompletion(closing, context::close)).send(queue, "close");
            context.createProducer().setAsync(onCompletion(committing, context::commit)).send(queue, "commit");

            assertThat(closing.awaitValue()).isInstanceOf(IllegalStateRuntimeException.class);
            assertThat(committing.awaitValue()).isInstanceOf(IllegalStateRuntimeException.class);
        }
    }

    @Test
    void messageListenerMustNotCloseItsOwnSession() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("callbacks.session-close-in-listener");
            Outcome outcome = new Outcome();
            session.createConsumer(queue).setMessageListener(m -> outcome.run(session::close));
            connection.start();
            Session sender = connection.createSession();

            sender.createProducer(queue).send(sender.createTextMessage("close"));

            assertThat(outcome.awaitValue()).isInstanceOf(IllegalStateException.class);
            assertThat(session.createTextMessage("the session is still open")).isNotNull();
        }
    }
}
