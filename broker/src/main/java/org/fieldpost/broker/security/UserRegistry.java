package org.fieldpost.broker.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's users and what their passwords are checked against: a salted PBKDF2 hash given as
 * such (a users file of hashes), or, for a password configured in plain text, an HMAC of it under a
 * key drawn at start ({@link CredentialCache#mac}). The plain password itself is never kept. Hashing
 * a password that is configured in plain text anyway would only cost a PBKDF2 derivation per user at
 * every start (tens of milliseconds before the JIT has compiled it) and one more at the first login.
 *
 * <p>The default user {@code guest} (present when no user is configured) may log in from loopback
 * addresses only, as in RabbitMQ.
 *
 * <p>Checking a password against a hash costs a PBKDF2 derivation (milliseconds), so a login is decided
 * in two steps: {@link #authenticateCached} answers at once whatever needs no derivation (a missing
 * password, the right password of a user configured in plain text, or the password a user with a hash
 * last logged in with, kept in a {@link CredentialCache}), and {@link #authenticate} does the rest,
 * blocking. A success is remembered; a failure never is. Every failure pays a PBKDF2 derivation, for a
 * user configured in plain text and for a name that is no user too, so that the time a refusal takes
 * tells nothing about which names exist.
 *
 * <p>Concurrency: thread-safe; users may be added while connections authenticate.
 */
public final class UserRegistry {
    /** The name of the default user. */
    public static final String GUEST = "guest";

    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
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
        credentials.put(name, PasswordHash.isHash(password)
            ? new Credential(password, null) : new Credential(null, verified.mac(password)));
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
        return decideWithoutHashing(name, password, credentials.get(name), remote);
    }

    /**
     * Checks credentials presented from {@code remote}. Blocks for a PBKDF2 verification unless
     * {@link #authenticateCached} could decide: call it off the event loops.
     *
     * @return true when the user exists, the password matches and the address is allowed
     * @throws IllegalArgumentException when the user's stored hash cannot be read
     */
    public boolean authenticate(String name, String password, SocketAddress remote) {
        Credential credential = credentials.get(name);
        Optional<Boolean> known = decideWithoutHashing(name, password, credential, remote);
        if (known.isPresent()) {
            return known.get();
        }
        verifications.increment();
        if (credential == null || credential.hash() == null) {
            // A name that is no user, or a wrong password of a user configured in plain text, costs what a
            // wrong password against a hash costs, so timing does not tell which names exist.
            verifier.verify(password, UnknownUser.HASH);
            return false;
        }
        if (!verifier.verify(password, credential.hash())) {
            return false;
        }
        verified.remember(name, password, credential.hash());
        return isAllowedFrom(name, remote);
    }

    private Optional<Boolean> decideWithoutHashing(String name, String password, Credential credential,
        SocketAddress remote) {
        if (password == null) {
            return Optional.of(false);
        }
        if (credential == null) {
            return Optional.empty();
        }
        boolean right = credential.hash() == null
            ? MessageDigest.isEqual(credential.plainMac(), verified.mac(password))
            : verified.isVerified(name, password, credential.hash());
        return right ? Optional.of(isAllowedFrom(name, remote)) : Optional.empty();
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

    /** Exactly one of the two: a {@link PasswordHash} string, or the MAC of a password configured in plain text. */
    private record Credential(String hash, byte[] plainMac) {
    }

    /** Verified against for names that are not users; made at the first such login, not at every start. */
    private static final class UnknownUser {
        /** No password matches a hash of random bytes. */
        static final String HASH = PasswordHash.hash(UUID.randomUUID().toString());
    }
}
