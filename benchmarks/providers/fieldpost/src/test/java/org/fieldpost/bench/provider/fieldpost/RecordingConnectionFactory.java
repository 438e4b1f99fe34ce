package org.fieldpost.bench.provider.fieldpost;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Wraps a {@link ConnectionFactory} so that its sessions record, in order, "consumer" at each
 * {@code createConsumer} and "send" after each producer {@code send}: how a workload's clients act.
 */
final class RecordingConnectionFactory {

    private RecordingConnectionFactory() {
    }

    /** A factory whose sessions record "consumer" at each createConsumer and "send" after each send. */
    static ConnectionFactory recording(ConnectionFactory target, List<String> events) {
        return proxy(ConnectionFactory.class, target, (connection, m) -> connection instanceof Connection c
            ? proxy(Connection.class, c, (session, m2) -> session instanceof Session s
                ? proxy(Session.class, s, (made, m3) -> sessionResult(made, m3.getName(), events)) : session)
            : connection);
    }

    private static Object sessionResult(Object made, String method, List<String> events) {
        if (method.equals("createConsumer")) {
            events.add("consumer");
        }
        if (made instanceof MessageProducer p) {
            return proxy(MessageProducer.class, p, (result, m) -> {
                if (m.getName().equals("send")) {
                    events.add("send");
                }
                return result;
            });
        }
        return made;
    }

    /** What to return for the result of a call on the real object, after the call. */
    private interface Recorder {
        Object after(Object result, Method method);
    }

    private static <T> T proxy(Class<T> type, T target, Recorder recorder) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return recorder.after(method.invoke(target, args), method);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
