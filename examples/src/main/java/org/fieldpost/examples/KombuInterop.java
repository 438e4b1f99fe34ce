package org.fieldpost.examples;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fieldpost.jms.FieldpostConnectionFactory;

/**
 * Interop with Python's kombu (Debian's {@code python3-kombu}): a kombu producer publishes to the
 * JMS queue {@code interop.in} and a JMS consumer reads the messages as {@code TextMessage}s; then
 * a JMS producer sends to {@code interop.out}, with a JMS property, and kombu reads body and
 * header.
 */
public final class KombuInterop {
    private static final long TIMEOUT_MILLIS = 10_000;
    private static final String PYTHON = "/usr/bin/python3";

    private KombuInterop() {
    }

    public static void run(String url, PrintStream out) throws Exception {
        Path script = extractScript();
        try (Connection connection = new FieldpostConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer in = session.createConsumer(session.createQueue("interop.in"));
            connection.start();
            out.print(python(script, "produce", url, "interop.in", "3"));
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message m = in.receive(TIMEOUT_MILLIS);
                received.add(m == null ? "(nothing)" : m.getClass().getSimpleName().replace("Fieldpost", "") + " "
                    + ((TextMessage) m).getText());
            }
            out.println("JMS received " + received);
            MessageProducer producer = session.createProducer(session.createQueue("interop.out"));
            TextMessage reply = session.createTextMessage("hello from JMS");
            reply.setStringProperty("origin", "fieldpost-jms");
            producer.send(reply);
            out.print(python(script, "consume", url, "interop.out", "1"));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String python(Path script, String mode, String url, String queue, String count)
        throws IOException, InterruptedException {
        URI uri = URI.create(url);
        String kombuUrl = "amqp://" + uri.getUserInfo() + "@" + uri.getHost() + ":" + uri.getPort() + "//";
        Process process = new ProcessBuilder(PYTHON, script.toString(), mode, kombuUrl, queue, count)
            .redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kombu " + mode + " did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kombu " + mode + " failed: " + output);
        }
        return output;
    }

    private static Path extractScript() throws IOException {
        Path script = Files.createTempFile("kombu-peer", ".py");
        try (InputStream in = KombuInterop.class.getResourceAsStream("/kombu_peer.py")) {
            if (in == null) {
                throw new IOException("kombu_peer.py is missing from the class path");
            }
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }
}
