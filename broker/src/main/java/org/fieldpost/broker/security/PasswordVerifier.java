package org.fieldpost.broker.security;

/**
 * Checks a presented password against a user's stored hash. The broker's is {@link PasswordHash#verify};
 * tests may substitute one that blocks on demand.
 */
@FunctionalInterface
public interface PasswordVerifier {

    /**
     * True when {@code password} matches {@code storedHash}.
     *
     * <p>Blocks for as long as the check takes (PBKDF2: milliseconds, tens of them before the JIT has
     * compiled it), so the broker calls it on its login threads, never on an event loop; it may be called
     * from several threads at once.
     *
     * @throws IllegalArgumentException when {@code storedHash} is not a hash this verifier reads
     */
    boolean verify(String password, String storedHash);
}
