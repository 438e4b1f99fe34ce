package org.fieldpost.jms;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

/**
 * The JNDI object factory of {@link FieldpostDestination#getReference()}: rebuilds the destination
 * from the reference's {@code kind} and {@code name} addresses, or from an {@code address} (a
 * destination string) so that a JNDI configuration can name a destination by hand. Thread-safe.
 */
public final class FieldpostDestinationFactory implements ObjectFactory {
    static final String REF_ADDRESS = "address";

    /** Public for JNDI, which instantiates factories reflectively. */
    public FieldpostDestinationFactory() {
    }

    /**
     * @return the destination, or {@code null} when {@code obj} is not a reference this factory understands
     *     (JNDI then tries other factories)
     */
    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment) {
        if (!(obj instanceof Reference reference)) {
            return null;
        }
        String address = content(reference, REF_ADDRESS);
        if (address != null) {
            return FieldpostDestination.fromAddress(address);
        }
        String kind = content(reference, FieldpostDestination.REF_KIND);
        String destinationName = content(reference, FieldpostDestination.REF_NAME);
        if (kind == null || destinationName == null) {
            return null;
        }
        return FieldpostDestination.of(FieldpostDestination.Kind.valueOf(kind), destinationName);
    }

    private static String content(Reference reference, String type) {
        RefAddr address = reference.get(type);
        return address == null ? null : (String) address.getContent();
    }
}
