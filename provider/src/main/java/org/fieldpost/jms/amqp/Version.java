package org.fieldpost.jms.amqp;

/** The provider's version, from the jar manifest when packaged. */
public final class Version {
    /** The version string, {@code "dev"} outside a packaged jar. */
    public static final String VERSION = version();

    private Version() {
    }

    private static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
