package org.selfrenewal.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy between the client and the server that can cut one request's connection: before the
 * server sees it, or after the server acted (its answer is read, then the client's connection dropped), or
 * after the server acted and then was stopped and restarted. Every request gets {@code Connection: close}, so
 * each connection carries one request and the client's real socket code meets the cut.
 */
final class ConnectionCutter implements AutoCloseable {

    /** Where the connection is cut. */
    enum Cut {
        BEFORE_SERVER_ACTS,
        AFTER_SERVER_ACTS,
        SERVER_RESTARTED_AFTER_ACTING
    }

    private record Plan(Predicate<String> path, Cut cut) {}

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Runnable restartServer;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "connection-cutter");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Plan> plan = new AtomicReference<>();
    private final List<String> cuts = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    ConnectionCutter(int upstreamPort, Runnable restartServer) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.restartServer = restartServer;
        connections.submit(this::acceptLoop);
    }

    /** A free loopback port for the server behind the proxy. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Every request whose path matches is cut as {@code cut} (retries too), until {@link #noCuts()}. */
    void cutEvery(Predicate<String> path, Cut cut) {
        plan.set(new Plan(path, cut));
    }

    void noCuts() {
        plan.set(null);
    }

    /** The cuts made so far ("CUT path"). */
    synchronized List<String> cuts() {
        return List.copyOf(cuts);
    }

    /** Every request path seen, in order. */
    synchronized List<String> paths() {
        return List.copyOf(paths);
    }

    synchronized void forgetPaths() {
        paths.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.submit(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            String path = headText.split(" ", 3)[1];
            byte[] body = in.readNBytes(contentLength(headText));
            synchronized (this) {
                paths.add(path);
            }
            Plan p = plan.get();
            Cut cut = p != null && p.path().test(path) ? p.cut() : null;
            if (cut != null) {
                synchronized (this) {
                    cuts.add(cut + " " + path);
                }
            }
            if (cut == Cut.BEFORE_SERVER_ACTS) {
                return; // dropped: the server never hears of it
            }
            try (Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                server.setSoTimeout(60_000);
                OutputStream up = server.getOutputStream();
                up.write(withConnectionClose(headText).getBytes(StandardCharsets.ISO_8859_1));
                up.write(body);
                up.flush();
                byte[] answer = server.getInputStream().readAllBytes(); // the server has acted and answered
                if (cut == Cut.SERVER_RESTARTED_AFTER_ACTING) {
                    restartServer.run();
                }
                if (cut == null) {
                    client.getOutputStream().write(answer);
                    client.getOutputStream().flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            // a connection that breaks is what this class is for
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("request head too large");
            }
        }
        return head.toByteArray();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    private static String withConnectionClose(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:") && !line.isEmpty()) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        connections.shutdownNow();
    }
}
