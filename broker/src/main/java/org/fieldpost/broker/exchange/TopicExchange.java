package org.fieldpost.broker.exchange;

import java.util.Map;
import java.util.Set;
import org.fieldpost.broker.message.Message;

/**
 * Routes on dot-separated routing keys matched against binding patterns with {@code *} (one word)
 * and {@code #} (zero or more words), through a {@link TopicTrie}.
 *
 * <p>Concurrency: see {@link TopicTrie}: lock-free matching, binding changes serialized on the
 * exchange monitor.
 */
public final class TopicExchange extends Exchange {

    private final TopicTrie trie = new TopicTrie();

    TopicExchange(String name, boolean durable, boolean autoDelete, boolean internal, Map<String, Object> args) {
        super(name, ExchangeType.TOPIC, durable, autoDelete, internal, args);
    }

    @Override
    public void route(Message message, Set<Destination> out) {
        trie.match(message.routingKey(), message, out);
    }

    /** Routes a bare key and returns the number of trie nodes visited (a routing-cost probe for tests). */
    int routeCost(String routingKey, Set<Destination> out) {
        return trie.match(routingKey, null, out);
    }

    /** Number of trie nodes (for tests). */
    int trieNodeCount() {
        return trie.nodeCount();
    }

    @Override
    protected void addRoute(Binding binding) {
        trie.add(binding);
    }

    @Override
    protected void removeRoute(Binding binding) {
        trie.remove(binding);
    }
}
