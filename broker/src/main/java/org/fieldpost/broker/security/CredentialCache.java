package org.fieldpost.broker.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The last password each user logged in with, so that a reconnect skips PBKDF2: per user name an
 * HMAC-SHA256 of the password under a key drawn at construction (never the password itself), and the
 * stored hash it was verified against. An entry counts only while that hash is still the user's, so
 * replacing a user's password makes it worthless even before {@link #forget} drops it. Only successful
 * verifications are remembered: a wrong password always pays the full PBKDF2 cost.
 *
 * <p>The key never leaves this object and dies with the process, so an entry (or a heap dump of it)
 * cannot be checked against a guessed password elsewhere; a guess tried here goes through PBKDF2.
 *
 * <p>Concurrency: thread-safe. An entry remembered by a verification that raced with a password change
 * carries the old hash and is never a hit; the next success replaces it.
 */
final class CredentialCache {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    CredentialCache() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** True when {@code password} is the one last verified for {@code name} against {@code storedHash}. */
    boolean isVerified(String name, String password, String storedHash) {
        Verified entry = verified.get(name);
        return entry != null && entry.storedHash.equals(storedHash)
            && MessageDigest.isEqual(entry.mac, mac(password));
    }

    /** Records that {@code password} matched {@code storedHash}, the hash {@code name} had then. */
    void remember(String name, String password, String storedHash) {
        verified.put(name, new Verified(mac(password), storedHash));
    }

    /** Drops what is remembered for {@code name}. */
    void forget(String name) {
        verified.remove(name);
    }

    /** The HMAC of {@code password} under this cache's key: what is compared, never the password. */
    byte[] mac(String password) {
        try {
            Mac hmac = Mac.getInstance(ALGORITHM);
            hmac.init(key);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    private record Verified(byte[] mac, String storedHash) {
    }
}
