package org.fieldpost.bench.jms.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors that a run's threads met, kept for the result line.
 *
 * <p>Concurrency: thread-safe; guarded by the object's monitor.
 */
final class Failures {
    // guarded by this
    private final List<String> messages = new ArrayList<>();

    synchronized void add(String who, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = who + ": " + failure;
        if (root != failure) {
            text += " caused by " + root;
        }
        messages.add(text);
    }

    synchronized void add(String text) {
        messages.add(text);
    }

    synchronized boolean isEmpty() {
        return messages.isEmpty();
    }

    /** The first failures, joined; more than three are summarised by their count. */
    synchronized String describe() {
        List<String> shown = messages.subList(0, Math.min(3, messages.size()));
        String text = String.join("; ", shown);
        return messages.size() > shown.size() ? text + "; and " + (messages.size() - shown.size()) + " more" : text;
    }
}
