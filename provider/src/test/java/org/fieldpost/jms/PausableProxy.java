package org.fieldpost.jms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a broker whose client-to-broker direction can be paused: the broker then
 * reads nothing from the client, like a broker too slow to keep up, without ever sending
 * {@code connection.blocked}. Its sockets have a small receive buffer, so little hides in the kernel.
 */
final class PausableProxy implements AutoCloseable {
    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final int targetPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong forwarded = new AtomicLong();
    private boolean paused; // guarded by this

    PausableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket();
        server.setReceiveBufferSize(RECEIVE_BUFFER);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        daemon("proxy-accept", this::accept).start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes forwarded from clients to the broker so far. */
    long forwardedBytes() {
        return forwarded.get();
    }

    /** Stops forwarding from clients to the broker (a read in progress still goes through). */
    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    private synchronized void awaitResumed() throws InterruptedException {
        while (paused) {
            wait();
        }
    }

    private void accept() {
        try {
            while (!server.isClosed()) {
                Socket client = server.accept();
                Socket broker = new Socket("127.0.0.1", targetPort);
                sockets.add(client);
                sockets.add(broker);
                daemon("proxy-up", () -> pump(client, broker, true)).start();
                daemon("proxy-down", () -> pump(broker, client, false)).start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (true) {
                if (upstream) {
                    awaitResumed();
                }
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                if (upstream) {
                    forwarded.addAndGet(n);
                }
            }
        } catch (IOException | InterruptedException e) {
            // a side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        resume();
        server.close();
        sockets.forEach(PausableProxy::closeQuietly);
    }
}
