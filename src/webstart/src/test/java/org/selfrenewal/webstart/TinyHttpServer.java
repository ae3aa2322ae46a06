package org.selfrenewal.webstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test HTTP server for JNLP files and jars on 127.0.0.1: GET and HEAD with Content-Length and
 * Last-Modified (IcedTea-Web checks for updates with HEAD + Last-Modified + size).
 */
final class TinyHttpServer implements AutoCloseable {

    private record Resource(String contentType, byte[] bytes, Path file) {}

    private final HttpServer server;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();

    TinyHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves text (a JNLP) at {@code path}; returns its URL. */
    URI text(String path, String contentType, String text) {
        resources.put(path, new Resource(contentType, text.getBytes(StandardCharsets.UTF_8), null));
        return base().resolve(path);
    }

    /** Serves a file at {@code path}; returns its URL. */
    URI file(String path, String contentType, Path file) {
        resources.put(path, new Resource(contentType, null, file));
        return base().resolve(path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Resource resource = resources.get(exchange.getRequestURI().getPath());
            String method = exchange.getRequestMethod();
            if (resource == null || !(method.equals("GET") || method.equals("HEAD"))) {
                exchange.sendResponseHeaders(resource == null ? 404 : 405, -1);
                return;
            }
            byte[] body = resource.bytes() != null ? resource.bytes() : Files.readAllBytes(resource.file());
            long modified = resource.file() != null
                    ? Files.getLastModifiedTime(resource.file()).toMillis()
                    : 0L;
            exchange.getResponseHeaders().set("Content-Type", resource.contentType());
            exchange.getResponseHeaders()
                    .set(
                            "Last-Modified",
                            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                    Instant.ofEpochMilli(modified).atOffset(ZoneOffset.UTC)));
            if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(body.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
