package org.selfrenewal.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the client jars from one configured directory under {@code /urswebapp/jars/<file>.jar}:
 * {@code application/java-archive}, {@code Last-Modified} and {@code ETag}, HEAD (OpenWebStart and
 * IcedTea-Web check for updates with HEAD + Last-Modified + size) and conditional GET (304).
 *
 * <p>Only plain file names ending in {@code .jar} directly in the directory are served; anything
 * else is left to the next handler. Jar URLs carry the version in the file name, so a new release
 * gets a new URL.
 */
public final class JarHandler extends Handler.Abstract {

    /** Content type of the jars. */
    public static final String JAR_CONTENT_TYPE = "application/java-archive";

    private static final Pattern JAR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*\\.jar");

    private final Path directory;

    /** Serves the jars in {@code directory}. */
    public JarHandler(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(LaunchPaths.JARS)) {
            return false;
        }
        String name = path.substring(LaunchPaths.JARS.length());
        if (!JAR_NAME.matcher(name).matches() || name.contains("..")) {
            return false;
        }
        Path file = directory.resolve(name);
        if (!directory.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!HttpReplies.requireGetOrHead(request, response, callback)) {
            return true;
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long lastModified = attributes.lastModifiedTime().toMillis();
        long size = attributes.size();
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(lastModified) + "\"";

        HttpFields.Mutable headers = response.getHeaders();
        HttpReplies.addCommonHeaders(headers);
        headers.put(HttpHeader.ETAG, etag);
        headers.putDate(HttpHeader.LAST_MODIFIED, lastModified);
        headers.put(HttpHeader.CACHE_CONTROL, "public, max-age=86400");
        if (HttpReplies.notModified(request, response, callback, etag, lastModified)) {
            return true;
        }
        response.setStatus(200);
        headers.put(HttpHeader.CONTENT_TYPE, JAR_CONTENT_TYPE);
        headers.put(HttpHeader.CONTENT_LENGTH, size);
        if (HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
        } else {
            Content.copy(Content.Source.from(file), response, callback);
        }
        return true;
    }
}
