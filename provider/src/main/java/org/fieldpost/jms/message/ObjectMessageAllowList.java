package org.fieldpost.jms.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Which classes an {@code ObjectMessage} may deserialize: a received object is attacker-controlled
 * input, and Java deserialization runs code of any class it names. Every class in the stream (each
 * field's class, array component types, a proxy's interfaces) is checked by name <em>before</em> it is
 * loaded, so a refused class is never initialised and its {@code readObject} never runs.
 *
 * <p>Allowed by default: the classes of {@code java.lang}, {@code java.util}, {@code java.math},
 * {@code java.time} and {@code java.net} (and their subpackages), arrays of them, and primitives. The
 * system property {@value #PROPERTY} <em>adds</em> entries, comma-separated: a package prefix
 * ({@code com.acme} or {@code com.acme.*}: the package and its subpackages) or a class name (also
 * allowing its nested classes); {@code *} allows every class.
 *
 * <p>Immutable and thread-safe.
 */
public final class ObjectMessageAllowList {
    /** The system property that adds entries to the default allow-list. */
    public static final String PROPERTY = "org.fieldpost.jms.objectmessage.allow";
    /** The packages allowed whatever the configuration. */
    public static final List<String> DEFAULTS = List.of("java.lang", "java.util", "java.math", "java.time",
        "java.net");

    private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "short", "char", "int", "long",
        "float", "double", "void");

    private final List<String> entries;
    private final boolean all;

    private ObjectMessageAllowList(List<String> entries) {
        this.entries = Collections.unmodifiableList(entries);
        this.all = entries.contains("*");
    }

    /** The defaults plus the entries of system property {@value #PROPERTY}, read now. */
    public static ObjectMessageAllowList fromSystemProperty() {
        return withDefaultsAnd(System.getProperty(PROPERTY));
    }

    /**
     * The defaults plus {@code spec}'s comma-separated entries.
     *
     * @param spec package prefixes and class names, or {@code *}; {@code null} or blank: the defaults only
     */
    public static ObjectMessageAllowList withDefaultsAnd(String spec) {
        List<String> entries = new ArrayList<>(DEFAULTS);
        if (spec != null) {
            for (String entry : spec.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.endsWith(".*")) {
                    trimmed = trimmed.substring(0, trimmed.length() - 2);
                }
                if (!trimmed.isEmpty()) {
                    entries.add(trimmed);
                }
            }
        }
        return new ObjectMessageAllowList(entries);
    }

    /** The entries, defaults first. */
    public List<String> entries() {
        return entries;
    }

    /**
     * True when {@code className} (a {@link Class#getName()}, arrays included) may be deserialized.
     */
    public boolean allows(String className) {
        String name = className;
        int dimensions = 0;
        while (dimensions < name.length() && name.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions > 0) {
            name = name.substring(dimensions);
            if (name.length() == 1) {
                return true;
            }
            if (name.startsWith("L") && name.endsWith(";")) {
                name = name.substring(1, name.length() - 1);
            }
        }
        if (all || PRIMITIVES.contains(name)) {
            return true;
        }
        for (String entry : entries) {
            if (name.equals(entry) || name.startsWith(entry) && isBoundary(name.charAt(entry.length()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBoundary(char c) {
        return c == '.' || c == '$';
    }

    /**
     * Deserializes one object, refusing classes this list does not allow.
     *
     * @throws RefusedClassException naming the first refused class
     * @throws IOException if the bytes are not a serialized object
     * @throws ClassNotFoundException if an allowed class is missing
     */
    Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new CheckingInputStream(new ByteArrayInputStream(bytes), this)) {
            return in.readObject();
        }
    }

    /** A class the allow-list refused. */
    static final class RefusedClassException extends InvalidClassException {
        private static final long serialVersionUID = 1L;

        RefusedClassException(String className) {
            super(className, "not allowed in an ObjectMessage; allow it with system property " + PROPERTY);
        }
    }

    /** Checks every class name against the list before loading it, with the context class loader. */
    private static final class CheckingInputStream extends ObjectInputStream {
        private final ObjectMessageAllowList allowList;

        CheckingInputStream(InputStream in, ObjectMessageAllowList allowList) throws IOException {
            super(in);
            this.allowList = allowList;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            String name = desc.getName();
            if (!allowList.allows(name)) {
                throw new RefusedClassException(name);
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(name, false, loader);
                } catch (ClassNotFoundException notThere) {
                    // fall back to the stream's default resolution (primitives, the caller's loader)
                }
            }
            return super.resolveClass(desc);
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
            for (String name : interfaces) {
                if (!allowList.allows(name)) {
                    throw new RefusedClassException(name);
                }
            }
            return super.resolveProxyClass(interfaces);
        }
    }
}
