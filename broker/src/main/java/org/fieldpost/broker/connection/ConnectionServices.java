package org.fieldpost.broker.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.fieldpost.broker.security.UserRegistry;
import org.fieldpost.broker.vhost.VirtualHost;

/**
 * What every connection shares: settings, users, virtual hosts, the registry of open connections,
 * a timer and the threads that verify passwords.
 *
 * @param virtualHosts looks a virtual host up by name; returns null when there is none
 * @param logins runs the password verifications {@link UserRegistry#authenticateCached} could not decide,
 *     off the event loops; rejects work once the broker is stopping
 */
public record ConnectionServices(
    BrokerSettings settings,
    UserRegistry users,
    Function<String, VirtualHost> virtualHosts,
    ConnectionRegistry connections,
    ScheduledExecutorService timer,
    Executor logins) {

    VirtualHost virtualHost(String name) {
        return virtualHosts.apply(name);
    }
}
