package org.fieldpost.jms;

import jakarta.jms.IllegalStateException;

/**
 * The messaging domain a session was created for. A {@code QueueSession} refuses the topic-only
 * methods and a {@code TopicSession} the queue-only ones with {@link IllegalStateException}, as the
 * Javadoc of both interfaces requires; a plain {@code Session} allows everything.
 */
enum SessionDomain {
    ANY, QUEUE, TOPIC;

    /** Refuses a topic-only method on a queue session. */
    void requireTopics(String method) throws IllegalStateException {
        if (this == QUEUE) {
            throw new IllegalStateException(method + " is not allowed on a QueueSession");
        }
    }

    /** Refuses a queue-only method on a topic session. */
    void requireQueues(String method) throws IllegalStateException {
        if (this == TOPIC) {
            throw new IllegalStateException(method + " is not allowed on a TopicSession");
        }
    }
}
