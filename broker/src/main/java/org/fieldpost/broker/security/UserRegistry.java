package org.fieldpost.broker.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's users and their salted password hashes.
 *
 * <p>The default user {@code guest} (present when no user is configured) may log in from loopback
 * addresses only, as in RabbitMQ.
 *
 * <p>Checking a password costs a PBKDF2 derivation (milliseconds), so a login is decided in two steps:
 * {@link #authenticateCached} answers at once whatever needs no derivation (an unknown user, or the
 * password this user last logged in with, kept in a {@link CredentialCache}), and {@link #authenticate}
 * does the rest, blocking. A success is remembered; a failure never is, so every wrong guess pays
 * PBKDF2 again.
 *
 * <p>Concurrency: thread-safe; users may be added while connections authenticate.
 */
public final class UserRegistry {
    /** The name of the default user. */
    public static final String GUEST = "guest";

    /** Verified against for names that are not users; no password matches a hash of random bytes. */
    private static final String UNKNOWN_USER_HASH = PasswordHash.hash(UUID.randomUUID().toString());

    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final CredentialCache verified = new CredentialCache();
    private final LongAdder verifications = new LongAdder();
    private final PasswordVerifier verifier;
    private final boolean guestLoopbackOnly;

    private UserRegistry(PasswordVerifier verifier, boolean guestLoopbackOnly) {
        this.verifier = verifier;
        this.guestLoopbackOnly = guestLoopbackOnly;
    }

    /** A registry with the given users (plain passwords or hashes); guest/guest when empty. */
    public static UserRegistry of(Map<String, String> users) {
        return of(users, PasswordHash::verify);
    }

    /** As {@link #of(Map)}, checking passwords with {@code verifier} instead of {@link PasswordHash#verify}. */
    public static UserRegistry of(Map<String, String> users, PasswordVerifier verifier) {
        UserRegistry registry = new UserRegistry(verifier, true);
        if (users.isEmpty()) {
            registry.add(GUEST, GUEST);
        }
        users.forEach(registry::add);
        return registry;
    }

    /** Adds or replaces a user; {@code password} may be plain text or a {@link PasswordHash} string. */
    public void add(String name, String password) {
        hashes.put(name, PasswordHash.isHash(password) ? password : PasswordHash.hash(password));
        verified.forget(name);
    }

    /**
     * Decides a login without deriving a hash, when that is possible. Does not block; may be called
     * on an event loop.
     *
     * @return the decision of {@link #authenticate}, or empty when only a PBKDF2 verification can tell
     *     (also for a name that is not a user, which must cost as much as a wrong password)
     */
    public Optional<Boolean> authenticateCached(String name, String password, SocketAddress remote) {
        return decideWithoutHashing(name, password, hashes.get(name), remote);
    }

    /**
     * Checks credentials presented from {@code remote}. Blocks for a PBKDF2 verification unless
     * {@link #authenticateCached} could decide: call it off the event loops.
     *
     * @return true when the user exists, the password matches and the address is allowed
     * @throws IllegalArgumentException when the user's stored hash cannot be read
     */
    public boolean authenticate(String name, String password, SocketAddress remote) {
        String stored = hashes.get(name);
        Optional<Boolean> known = decideWithoutHashing(name, password, stored, remote);
        if (known.isPresent()) {
            return known.get();
        }
        verifications.increment();
        if (stored == null) {
            // An unknown user costs what a wrong password costs, so timing does not tell which names exist.
            verifier.verify(password, UNKNOWN_USER_HASH);
            return false;
        }
        if (!verifier.verify(password, stored)) {
            return false;
        }
        verified.remember(name, password, stored);
        return isAllowedFrom(name, remote);
    }

    private Optional<Boolean> decideWithoutHashing(String name, String password, String stored,
        SocketAddress remote) {
        if (password == null) {
            return Optional.of(false);
        }
        if (stored == null) {
            return Optional.empty();
        }
        if (verified.isVerified(name, password, stored)) {
            return Optional.of(isAllowedFrom(name, remote));
        }
        return Optional.empty();
    }

    /** The number of PBKDF2 verifications run so far. */
    long verifications() {
        return verifications.sum();
    }

    private boolean isAllowedFrom(String name, SocketAddress remote) {
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
