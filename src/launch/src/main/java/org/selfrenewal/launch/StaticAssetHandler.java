package org.selfrenewal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the pages' CSS and scripts from the {@code web/} folder on the classpath:
 * {@code /urswebapp/static/css/site.css} is {@code web/css/site.css}. Only {@code .css},
 * {@code .js}, {@code .png}, {@code .svg} and {@code .ico} files are served - never the templates
 * or the JSON. Every asset is read when the handler is made and kept in memory, with an ETag from its
 * content; a request for anything else is a miss, answered by the next handler and never remembered, so
 * odd URLs cost no memory.
 */
public final class StaticAssetHandler extends Handler.Abstract {

    private static final Pattern ASSET_PATH = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_.-]*)*");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon");

    private record Asset(byte[] bytes, String contentType, String etag, long lastModified) {}

    private final long startedAt = System.currentTimeMillis();
    private final Map<String, Asset> assets = preload();

    /** How many assets were preloaded (for tests). */
    int assetCount() {
        return assets.size();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(LaunchPaths.STATIC)) {
            return false;
        }
        String relative = path.substring(LaunchPaths.STATIC.length());
        if (!ASSET_PATH.matcher(relative).matches()
                || relative.contains("..")
                || !CONTENT_TYPES.containsKey(HttpReplies.extension(relative))) {
            return false;
        }
        Asset found = assets.get(relative);
        if (found == null) {
            return false;
        }
        if (!HttpReplies.requireGetOrHead(request, response, callback)) {
            return true;
        }
        HttpFields.Mutable headers = response.getHeaders();
        HttpReplies.addCommonHeaders(headers);
        headers.put(HttpHeader.ETAG, found.etag());
        headers.putDate(HttpHeader.LAST_MODIFIED, found.lastModified());
        headers.put(HttpHeader.CACHE_CONTROL, "public, max-age=300");
        if (HttpReplies.notModified(request, response, callback, found.etag(), found.lastModified())) {
            return true;
        }
        HttpReplies.send(request, response, callback, 200, found.contentType(), found.bytes());
        return true;
    }

    /** Every servable file under {@code web/}, whether the classpath holds it as a directory or in a jar. */
    private Map<String, Asset> preload() {
        Map<String, Asset> found = new ConcurrentHashMap<>();
        URL root = StaticAssetHandler.class.getClassLoader().getResource("web/");
        if (root == null) {
            return found;
        }
        try {
            List<String> names = new ArrayList<>();
            if ("jar".equals(root.getProtocol())) {
                JarURLConnection jar = (JarURLConnection) root.openConnection();
                jar.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    file.stream()
                            .map(JarEntry::getName)
                            .filter(n -> n.startsWith("web/") && !n.endsWith("/"))
                            .forEach(n -> names.add(n.substring("web/".length())));
                }
            } else if ("file".equals(root.getProtocol())) {
                Path base = Path.of(root.toURI());
                try (Stream<Path> files = Files.walk(base)) {
                    files.filter(Files::isRegularFile)
                            .forEach(
                                    f -> names.add(base.relativize(f).toString().replace('\\', '/')));
                }
            }
            for (String name : names) {
                if (ASSET_PATH.matcher(name).matches() && CONTENT_TYPES.containsKey(HttpReplies.extension(name))) {
                    load(name).ifPresent(asset -> found.put(name, asset));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the page assets under " + root, e);
        }
        return Map.copyOf(found);
    }

    private Optional<Asset> load(String relative) {
        URL url = StaticAssetHandler.class.getClassLoader().getResource("web/" + relative);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = url.openConnection();
            long lastModified = connection.getLastModified() > 0 ? connection.getLastModified() : startedAt;
            byte[] bytes;
            try (InputStream in = connection.getInputStream()) {
                bytes = in.readAllBytes();
            }
            String etag = "\""
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
            return Optional.of(
                    new Asset(bytes, CONTENT_TYPES.get(HttpReplies.extension(relative)), etag, lastModified));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
