package org.fieldpost.tck;

import org.fieldpost.broker.EmbeddedBroker;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the TCK's broker when the test JVM's launcher session opens and stops it when the session
 * closes: one broker, one empty store, for every test class the fork runs. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 *
 * <p>Concurrency: the platform calls both methods on the thread that runs the session.
 */
public final class BrokerSessionListener implements LauncherSessionListener {

    private EmbeddedBroker broker;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (broker == null) {
            broker = TckBroker.startFromSystemProperties();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
