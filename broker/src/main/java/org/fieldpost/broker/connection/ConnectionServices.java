package org.fieldpost.broker.connection;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.fieldpost.broker.security.UserRegistry;
import org.fieldpost.broker.vhost.VirtualHost;

/**
 * What every connection shares: settings, users, virtual hosts, the registry of open connections
 * and a timer.
 *
 * @param virtualHosts looks a virtual host up by name; returns null when there is none
 */
public record ConnectionServices(
    BrokerSettings settings,
    UserRegistry users,
    Function<String, VirtualHost> virtualHosts,
    ConnectionRegistry connections,
    ScheduledExecutorService timer) {

    VirtualHost virtualHost(String name) {
        return virtualHosts.apply(name);
    }
}
