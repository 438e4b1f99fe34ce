package org.fieldpost.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.fieldpost.broker.security.PasswordHash;
import picocli.CommandLine.Command;

/**
 * {@code fieldpost hash-password}: reads a password from standard input (its first line) and prints
 * its salted PBKDF2 hash, {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}, for a {@code user.NAME} line of
 * a config file that must not reveal the password. The password is never an argument, so it does not
 * show in the process list or the shell's history. Exit code 2, and a one-line reason, for an empty
 * password or none.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
    description = "Reads a password from standard input and prints its hash for a user.NAME setting.")
final class HashPasswordCommand implements Callable<Integer> {

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;

    HashPasswordCommand(BufferedReader in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        String password = in.readLine();
        if (password == null || password.isEmpty()) {
            err.println("fieldpost hash-password: no password on standard input");
            err.flush();
            return 2;
        }
        out.println(PasswordHash.hash(password));
        out.flush();
        return 0;
    }
}
