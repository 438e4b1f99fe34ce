package org.fieldpost.jms.jndi;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import org.fieldpost.jms.FieldpostConnectionFactory;

/**
 * Turns the JNDI {@link Reference} of a {@link FieldpostConnectionFactory} (its {@code url} address) back
 * into a factory, for application servers that store references. Stateless, thread-safe.
 */
public class FieldpostObjectFactory implements ObjectFactory {

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment) {
        if (obj instanceof Reference reference
            && FieldpostConnectionFactory.class.getName().equals(reference.getClassName())) {
            RefAddr url = reference.get(FieldpostConnectionFactory.REF_URL);
            return url == null ? null : new FieldpostConnectionFactory((String) url.getContent());
        }
        return null;
    }
}
