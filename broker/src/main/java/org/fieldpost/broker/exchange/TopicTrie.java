package org.fieldpost.broker.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldpost.broker.message.Message;

/**
 * A trie over the dot-separated words of topic binding patterns. {@code *} matches exactly one
 * word, {@code #} zero or more. Words split as in RabbitMQ: the empty key has no words, "." has two
 * empty words, "a..b" has three words of which the middle is empty.
 *
 * <p>Matching a key walks only the trie paths its words (and the wildcards) select, so its cost
 * depends on the key and on the wildcard structure, not on the number of bindings.
 *
 * <p>Concurrency: readers take no lock. Children live in concurrent maps and each node's bindings in
 * a volatile immutable list; writers must be serialized by the caller (the exchange monitor). A
 * reader racing with a writer sees each binding either present or absent.
 */
final class TopicTrie {

    static final String STAR = "*";
    static final String HASH = "#";

    private final Node root = new Node();

    /** Splits a routing key or pattern into words, RabbitMQ style ("" has zero words). */
    static String[] words(String key) {
        if (key.isEmpty()) {
            return new String[0];
        }
        return key.split("\\.", -1);
    }

    /** The words of a pattern with runs of "#" collapsed to one ("#.#" matches exactly like "#"). */
    static List<String> patternWords(String pattern) {
        List<String> result = new ArrayList<>();
        for (String w : words(pattern)) {
            if (!(HASH.equals(w) && !result.isEmpty() && HASH.equals(result.get(result.size() - 1)))) {
                result.add(w);
            }
        }
        return result;
    }

    void add(Binding binding) {
        Node node = root;
        for (String w : patternWords(binding.routingKey())) {
            node = node.children.computeIfAbsent(w, k -> new Node());
        }
        List<Binding> copy = new ArrayList<>(node.bindings);
        copy.add(binding);
        node.bindings = List.copyOf(copy);
    }

    void remove(Binding binding) {
        List<String> path = patternWords(binding.routingKey());
        List<Node> nodes = new ArrayList<>(path.size() + 1);
        Node node = root;
        nodes.add(node);
        for (String w : path) {
            node = node.children.get(w);
            if (node == null) {
                return;
            }
            nodes.add(node);
        }
        List<Binding> copy = new ArrayList<>(node.bindings);
        copy.remove(binding);
        node.bindings = List.copyOf(copy);
        // prune now-empty nodes from the leaf up
        for (int i = path.size(); i > 0; i--) {
            Node n = nodes.get(i);
            if (!n.bindings.isEmpty() || !n.children.isEmpty()) {
                break;
            }
            nodes.get(i - 1).children.remove(path.get(i - 1));
        }
    }

    /**
     * Adds the destinations of every binding whose pattern matches {@code key}.
     *
     * @return how many trie nodes the match visited (a measure of routing cost, for tests)
     */
    int match(String key, Message message, Set<Destination> out) {
        return match(root, words(key), 0, message, out);
    }

    private int match(Node node, String[] words, int i, Message message, Set<Destination> out) {
        int visited = 1;
        if (i == words.length) {
            for (Binding b : node.bindings) {
                if (message == null || b.accepts(message)) {
                    out.add(b.destination());
                }
            }
        } else {
            Node exact = node.children.get(words[i]);
            if (exact != null) {
                visited += match(exact, words, i + 1, message, out);
            }
            Node star = node.children.get(STAR);
            if (star != null && star != exact) {
                visited += match(star, words, i + 1, message, out);
            }
        }
        Node hash = node.children.get(HASH);
        if (hash != null) {
            // "#" consumes zero or more of the remaining words
            for (int j = i; j <= words.length; j++) {
                visited += match(hash, words, j, message, out);
            }
        }
        return visited;
    }

    /** Number of nodes, root included (for tests). */
    int nodeCount() {
        return root.count();
    }

    private static final class Node {
        final ConcurrentHashMap<String, Node> children = new ConcurrentHashMap<>();
        volatile List<Binding> bindings = List.of();

        int count() {
            int n = 1;
            for (Node c : children.values()) {
                n += c.count();
            }
            return n;
        }
    }
}
