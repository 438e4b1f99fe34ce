package org.fieldpost.bench.provider.fieldpost;

import jakarta.jms.ConnectionFactory;

/**
 * Makes {@code new org.fieldpost.jms.FieldpostConnectionFactory(url)}.
 *
 * <p>TODO(issue 6): call the constructor directly once the provider's factory is on main; until
 * then it is looked up by name so that this module builds against the provider skeleton.
 */
final class FieldpostFactories {
    private static final String FACTORY = "org.fieldpost.jms.FieldpostConnectionFactory";

    private FieldpostFactories() {
    }

    static ConnectionFactory create(String url) throws ReflectiveOperationException {
        return (ConnectionFactory) Class.forName(FACTORY).getConstructor(String.class).newInstance(url);
    }
}
