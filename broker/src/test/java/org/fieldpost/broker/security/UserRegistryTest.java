package org.fieldpost.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Logins against the registry: the cache of verified passwords, and what it must never change. */
class UserRegistryTest {
    private static final SocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 40000);
    private static final SocketAddress REMOTE = new InetSocketAddress("192.0.2.7", 40000);

    private static final String ALICE = PasswordHash.hash("s3cret");
    private static final String BOB = PasswordHash.hash("hunter2");

    private final UserRegistry users = UserRegistry.of(Map.of("alice", ALICE, "bob", BOB));

    @Test
    void aSecondLoginWithTheSamePasswordSkipsPbkdf2() {
        assertThat(users.authenticateCached("alice", "s3cret", REMOTE)).isEmpty();
        assertThat(users.authenticate("alice", "s3cret", REMOTE)).isTrue();

        assertThat(users.authenticateCached("alice", "s3cret", REMOTE)).contains(true);
        assertThat(users.authenticate("alice", "s3cret", REMOTE)).isTrue();
        assertThat(users.verifications()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordAfterACachedSuccessFailsAndPaysPbkdf2EveryTime() {
        users.authenticate("alice", "s3cret", REMOTE);

        assertThat(users.authenticateCached("alice", "guess", REMOTE)).isEmpty();
        assertThat(users.authenticate("alice", "guess", REMOTE)).isFalse();
        assertThat(users.authenticate("alice", "guess", REMOTE)).isFalse();

        assertThat(users.verifications()).isEqualTo(3);
        assertThat(users.authenticateCached("alice", "s3cret", REMOTE)).as("the good entry survives").contains(true);
    }

    @Test
    void replacingAUsersPasswordRefusesTheOldOneAndAcceptsTheNew() {
        users.authenticate("alice", "s3cret", REMOTE);

        users.add("alice", "n3w");

        assertThat(users.authenticateCached("alice", "s3cret", REMOTE)).isEmpty();
        assertThat(users.authenticate("alice", "s3cret", REMOTE)).isFalse();
        assertThat(users.authenticate("alice", "n3w", REMOTE)).isTrue();
        assertThat(users.authenticateCached("alice", "n3w", REMOTE)).contains(true);
    }

    /** What {@code add} relies on even when a verification of the old password finishes after it. */
    @Test
    void aRememberedPasswordCountsOnlyAgainstTheHashItWasVerifiedAgainst() {
        CredentialCache cache = new CredentialCache();
        String oldHash = PasswordHash.hash("s3cret");

        cache.remember("alice", "s3cret", oldHash);

        assertThat(cache.isVerified("alice", "s3cret", oldHash)).isTrue();
        assertThat(cache.isVerified("alice", "s3cret", PasswordHash.hash("s3cret"))).isFalse();
        assertThat(cache.isVerified("alice", "other", oldHash)).isFalse();
        assertThat(cache.isVerified("bob", "s3cret", oldHash)).isFalse();
    }

    @Test
    void guestFromAnotherHostIsRefusedThoughItsPasswordIsRight() {
        UserRegistry guestOnly = UserRegistry.of(Map.of());
        assertThat(guestOnly.authenticate(UserRegistry.GUEST, "guest", LOOPBACK)).isTrue();

        assertThat(guestOnly.authenticateCached(UserRegistry.GUEST, "guest", REMOTE)).contains(false);
        assertThat(guestOnly.authenticate(UserRegistry.GUEST, "guest", REMOTE)).isFalse();
        assertThat(guestOnly.authenticateCached(UserRegistry.GUEST, "guest", LOOPBACK)).contains(true);
        assertThat(guestOnly.verifications()).isZero();
    }

    /** A password configured in plain text is compared by its MAC: no PBKDF2 at start or at login. */
    @Test
    void aUserConfiguredInPlainTextLogsInWithoutPbkdf2() {
        UserRegistry plain = UserRegistry.of(Map.of("carol", "pl4in", "alice", ALICE));

        assertThat(plain.authenticateCached("carol", "pl4in", REMOTE)).contains(true);
        assertThat(plain.authenticate("carol", "pl4in", REMOTE)).isTrue();
        assertThat(plain.authenticateCached("carol", "pl4in ", REMOTE)).isEmpty();
        assertThat(plain.authenticateCached("alice", "s3cret", REMOTE)).as("a hash is still verified").isEmpty();
        assertThat(plain.verifications()).isZero();
    }

    /** Otherwise a quick refusal would tell a user configured in plain text from a name that is no user. */
    @Test
    void aWrongPasswordOfAUserConfiguredInPlainTextPaysPbkdf2EveryTime() {
        UserRegistry plain = UserRegistry.of(Map.of("carol", "pl4in"));

        assertThat(plain.authenticateCached("carol", "guess", REMOTE)).isEmpty();
        assertThat(plain.authenticate("carol", "guess", REMOTE)).isFalse();
        assertThat(plain.authenticate("carol", "guess", REMOTE)).isFalse();
        assertThat(plain.authenticate("carol", null, REMOTE)).isFalse();

        assertThat(plain.verifications()).isEqualTo(2);
        assertThat(plain.authenticate("carol", "pl4in", REMOTE)).isTrue();
    }

    @Test
    void replacingAPlainPasswordRefusesTheOldOne() {
        UserRegistry plain = UserRegistry.of(Map.of("carol", "pl4in"));

        plain.add("carol", "n3w");

        assertThat(plain.authenticate("carol", "pl4in", REMOTE)).isFalse();
        assertThat(plain.authenticateCached("carol", "n3w", REMOTE)).contains(true);
        plain.add("carol", PasswordHash.hash("h4shed"));
        assertThat(plain.authenticateCached("carol", "n3w", REMOTE)).isEmpty();
        assertThat(plain.authenticate("carol", "h4shed", REMOTE)).isTrue();
    }

    @Test
    void aMissingPasswordIsRefusedWithoutPbkdf2() {
        assertThat(users.authenticateCached("alice", null, REMOTE)).contains(false);
        assertThat(users.authenticate("alice", null, REMOTE)).isFalse();

        assertThat(users.verifications()).isZero();
    }

    /** Otherwise a quick refusal would tell an attacker which user names exist. */
    @Test
    void anUnknownUserCostsAPbkdf2VerificationLikeAWrongPassword() {
        assertThat(users.authenticateCached("nobody", "s3cret", REMOTE)).isEmpty();
        assertThat(users.authenticate("nobody", "s3cret", REMOTE)).isFalse();
        assertThat(users.authenticate("nobody", "s3cret", REMOTE)).as("never remembered").isFalse();

        assertThat(users.verifications()).isEqualTo(2);
    }

    @Test
    void concurrentLoginsAreAllDecidedCorrectly() throws Exception {
        int threads = 8;
        int loginsPerThread = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> wrongAnswers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = t % 2 == 0 ? "alice" : "bob";
                String password = t % 2 == 0 ? "s3cret" : "hunter2";
                wrongAnswers.add(pool.submit(() -> {
                    start.await();
                    int wrong = 0;
                    for (int i = 0; i < loginsPerThread; i++) {
                        boolean good = i % 5 != 0;
                        if (users.authenticate(name, good ? password : "guess-" + i, REMOTE) != good) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<Integer> answer : wrongAnswers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        int badGuesses = threads * loginsPerThread / 5;
        assertThat(users.verifications()).as("every bad guess, and a good one only until it was cached")
            .isBetween((long) badGuesses + 2, (long) badGuesses + threads);
    }
}
