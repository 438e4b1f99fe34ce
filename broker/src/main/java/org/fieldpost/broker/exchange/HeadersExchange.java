package org.fieldpost.broker.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldpost.broker.message.FieldValues;
import org.fieldpost.broker.message.Message;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;

/**
 * Routes on message headers against binding arguments. {@code x-match} selects {@code all}
 * (default), {@code any}, {@code all-with-x} or {@code any-with-x}; with {@code all}/{@code any},
 * binding arguments whose name starts with {@code x-} are ignored. A binding argument without a
 * value (void) matches when the header is present, whatever its value.
 *
 * <p>Routing tests every binding: a headers match cannot be indexed by one key, which is inherent to
 * this exchange type (RabbitMQ does the same).
 *
 * <p>Concurrency: an immutable list of compiled bindings in a volatile field, replaced
 * (copy-on-write) under the exchange monitor.
 */
public final class HeadersExchange extends Exchange {

    private static final String X_MATCH = "x-match";

    private volatile List<Matcher> matchers = List.of();

    HeadersExchange(String name, boolean durable, boolean autoDelete, boolean internal, Map<String, Object> args) {
        super(name, ExchangeType.HEADERS, durable, autoDelete, internal, args);
    }

    @Override
    public void validateBinding(String routingKey, Map<String, Object> args) throws ProtocolException {
        if (args != null && args.containsKey(X_MATCH) && mode(args.get(X_MATCH)) == null) {
            throw new ProtocolException(ReplyCode.PRECONDITION_FAILED, "Invalid x-match field value "
                + args.get(X_MATCH) + "; expected all, any, all-with-x, or any-with-x");
        }
    }

    @Override
    public void route(Message message, Set<Destination> out) {
        Map<String, Object> headers = message.properties().headers();
        Map<String, Object> h = headers == null ? Map.of() : headers;
        for (Matcher m : matchers) {
            if (m.matches(h) && m.binding.accepts(message)) {
                out.add(m.binding.destination());
            }
        }
    }

    @Override
    protected void addRoute(Binding binding) {
        List<Matcher> copy = new ArrayList<>(matchers);
        copy.add(new Matcher(binding));
        matchers = List.copyOf(copy);
    }

    @Override
    protected void removeRoute(Binding binding) {
        List<Matcher> copy = new ArrayList<>(matchers);
        copy.removeIf(m -> m.binding.equals(binding));
        matchers = List.copyOf(copy);
    }

    private enum Mode { ALL, ANY }

    private static Mode mode(Object value) {
        String s = FieldValues.asString(value);
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "all", "all-with-x" -> Mode.ALL;
            case "any", "any-with-x" -> Mode.ANY;
            default -> null;
        };
    }

    /** One binding compiled: its mode and the arguments that take part in matching. */
    private static final class Matcher {
        final Binding binding;
        final Mode mode;
        final Map<String, Object> required = new LinkedHashMap<>();

        Matcher(Binding binding) {
            this.binding = binding;
            Object xMatch = binding.arguments().get(X_MATCH);
            Mode m = xMatch == null ? Mode.ALL : mode(xMatch);
            this.mode = m == null ? Mode.ALL : m;
            boolean withX = xMatch != null && FieldValues.asString(xMatch).endsWith("-with-x");
            binding.arguments().forEach((k, v) -> {
                if (!k.equals(X_MATCH) && (withX || !k.startsWith("x-"))) {
                    required.put(k, v);
                }
            });
        }

        boolean matches(Map<String, Object> headers) {
            if (mode == Mode.ALL) {
                for (Map.Entry<String, Object> e : required.entrySet()) {
                    if (!matchesOne(e, headers)) {
                        return false;
                    }
                }
                return true;
            }
            for (Map.Entry<String, Object> e : required.entrySet()) {
                if (matchesOne(e, headers)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matchesOne(Map.Entry<String, Object> arg, Map<String, Object> headers) {
            if (!headers.containsKey(arg.getKey())) {
                return false;
            }
            return arg.getValue() == null || FieldValues.equal(arg.getValue(), headers.get(arg.getKey()));
        }
    }
}
