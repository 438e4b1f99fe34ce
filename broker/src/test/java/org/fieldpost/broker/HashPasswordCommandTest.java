package org.fieldpost.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fieldpost.broker.security.PasswordHash;
import org.fieldpost.broker.security.UserRegistry;
import org.junit.jupiter.api.Test;

/** {@code fieldpost hash-password}: a hash for a config file, made from a password read on standard input. */
class HashPasswordCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return Main.commandLine(new BufferedReader(new StringReader(input)), o, e, Map.of()).execute(args);
    }

    @Test
    void printsAHashThatLogsTheUserInWithThatPasswordOnly() {
        assertThat(run("s3cret pass\nignored\n", "hash-password")).isZero();

        String hash = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(hash).startsWith("pbkdf2-sha256:").doesNotContain("s3cret");
        assertThat(PasswordHash.isHash(hash)).isTrue();
        UserRegistry users = UserRegistry.of(Map.of("alice", hash));
        InetSocketAddress remote = new InetSocketAddress("192.0.2.7", 40000);
        assertThat(users.authenticate("alice", "s3cret pass", remote)).isTrue();
        assertThat(users.authenticate("alice", "ignored", remote)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        run("same\n", "hash-password");
        run("same\n", "hash-password");

        String[] hashes = out.toString(StandardCharsets.UTF_8).trim().split("\\R");
        assertThat(hashes).hasSize(2);
        assertThat(hashes[0]).isNotEqualTo(hashes[1]);
    }

    @Test
    void noPasswordEndsWithExitCodeTwoAndOneLine() {
        assertThat(run("", "hash-password")).isEqualTo(2);
        assertThat(run("\n", "hash-password")).isEqualTo(2);

        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
            .isEqualTo("fieldpost hash-password: no password on standard input\n".repeat(2));
    }

    @Test
    void theProgramsHelpNamesTheCommand() {
        assertThat(run("", "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("hash-password");
    }
}
