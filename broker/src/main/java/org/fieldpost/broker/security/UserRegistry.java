package org.fieldpost.broker.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's users and their salted password hashes.
 *
 * <p>The default user {@code guest} (present when no user is configured) may log in from loopback
 * addresses only, as in RabbitMQ.
 *
 * <p>Concurrency: thread-safe; users may be added while connections authenticate.
 */
public final class UserRegistry {
    /** The name of the default user. */
    public static final String GUEST = "guest";

    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final boolean guestLoopbackOnly;

    private UserRegistry(boolean guestLoopbackOnly) {
        this.guestLoopbackOnly = guestLoopbackOnly;
    }

    /** A registry with the given users (plain passwords or hashes); guest/guest when empty. */
    public static UserRegistry of(Map<String, String> users) {
        UserRegistry registry = new UserRegistry(true);
        if (users.isEmpty()) {
            registry.add(GUEST, GUEST);
        }
        users.forEach(registry::add);
        return registry;
    }

    /** Adds or replaces a user; {@code password} may be plain text or a {@link PasswordHash} string. */
    public void add(String name, String password) {
        hashes.put(name, PasswordHash.isHash(password) ? password : PasswordHash.hash(password));
    }

    /**
     * Checks credentials presented from {@code remote}.
     *
     * @return true when the user exists, the password matches and the address is allowed
     */
    public boolean authenticate(String name, String password, SocketAddress remote) {
        String stored = hashes.get(name);
        if (stored == null || password == null || !PasswordHash.verify(password, stored)) {
            return false;
        }
        return !(guestLoopbackOnly && GUEST.equals(name)) || isLoopback(remote);
    }

    private static boolean isLoopback(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            InetAddress address = inet.getAddress();
            return address != null && address.isLoopbackAddress();
        }
        // In-VM (Netty local) transports have no IP address and are as local as loopback.
        return true;
    }
}
