package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launch site over plain HTTP: variants, headers, JNLP, jars, assets, odd requests. */
class LaunchSiteHttpTest {

    @TempDir
    static Path jarDirectory;

    static TestSite site;
    static byte[] jarBytes = "PK fake jar content".getBytes();

    @BeforeAll
    static void startSite() throws Exception {
        Path jar = Files.write(jarDirectory.resolve("client-1.2.3.jar"), jarBytes);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        Files.writeString(jarDirectory.resolve("notes.txt"), "not a jar");
        site = TestSite.start(jarDirectory, b -> b);
    }

    @AfterAll
    static void stopSite() throws Exception {
        site.close();
    }

    private static String variantOf(HttpResponse<String> page) {
        int at = page.body().indexOf("data-variant=\"");
        return page.body().substring(at + 14, page.body().indexOf('"', at + 14));
    }

    @Test
    void chromeAndEdgeGetTheLaunchPage() throws Exception {
        for (String ua : new String[] {TestSite.CHROME_UA, TestSite.EDGE_UA}) {
            HttpResponse<String> page = site.get(LaunchPaths.RENEWAL_PAGE, ua);
            assertEquals(200, page.statusCode());
            assertEquals("launch", variantOf(page));
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals(Optional.of("User-Agent"), page.headers().firstValue("Vary"));
            assertTrue(page.headers().firstValue("X-UA-Compatible").isEmpty());
            assertTrue(page.body().contains("href=\"/urswebapp/selfrenewal.jnlp\""));
            assertTrue(page.body()
                    .contains("href=\"jnlp://127.0.0.1:" + site.base().getPort() + "/urswebapp/selfrenewal.jnlp\""));
            assertTrue(page.body().contains(TestSite.TRUST.trustName()));
            assertTrue(page.body().contains("ext 4321 or ra@testvalley.example"));
        }
        assertTrue(
                site.get(LaunchPaths.RENEWAL_PAGE, TestSite.EDGE_UA).body().contains("You are using Microsoft Edge"));
    }

    @Test
    void ieGetsTheIeCompatPageWithXUaCompatible() throws Exception {
        HttpResponse<String> page = site.get(LaunchPaths.RENEWAL_PAGE, TestSite.IE11_UA);
        assertEquals("ie_compat", variantOf(page));
        assertEquals(Optional.of("IE=edge"), page.headers().firstValue("X-UA-Compatible"));
        assertTrue(page.body().contains("<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">"));
        assertTrue(page.body().contains("/urswebapp/static/ie-compat/ie-compat.js"));
        assertFalse(page.body().contains("js/launch.js"));
        assertFalse(page.body().contains("jnlpx"), "jnlpx is off by default");
    }

    @Test
    void unsupportedBrowsersGetGuidance() throws Exception {
        for (String ua : new String[] {TestSite.FIREFOX_UA, TestSite.SAFARI_UA, TestSite.IE10_UA, null}) {
            HttpResponse<String> page = site.get(LaunchPaths.RENEWAL_PAGE, ua);
            assertEquals(200, page.statusCode());
            assertEquals("unsupported", variantOf(page), String.valueOf(ua));
            assertTrue(page.body().contains("Use a different web browser"));
            assertFalse(page.body().contains("selfrenewal.jnlp\""), "no launch button for " + ua);
        }
        assertTrue(site.get(LaunchPaths.RENEWAL_PAGE, TestSite.FIREFOX_UA)
                .body()
                .contains("Firefox is not a compatible web browser"));
    }

    @Test
    void missingOperationExplainsTheService() throws Exception {
        HttpResponse<String> page = site.get("/urswebapp/", TestSite.CHROME_UA);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("What this service is"));
        assertTrue(page.body().contains("href=\"/urswebapp/?operation=selfRenewSmartcard\""));
        assertFalse(page.body().contains("logged out"));
    }

    @Test
    void unknownOperationIsAHelpfulPageAndEscaped() throws Exception {
        HttpResponse<String> page =
                site.get("/urswebapp/?operation=%3Cscript%3Ealert(1)%3C/script%3E", TestSite.CHROME_UA);
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(page.body().contains("<script>alert"));
        assertTrue(page.body().contains("Go to smartcard self-renewal"));
    }

    @Test
    void anUndecodableQueryStillGetsTheHelpfulPage() throws Exception {
        // java.net.URI refuses "%zz", so send the request line by hand.
        try (Socket socket = new Socket(site.base().getHost(), site.base().getPort())) {
            socket.getOutputStream()
                    .write(("GET /urswebapp/?operation=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 404"), reply);
            assertTrue(reply.contains("Go to smartcard self-renewal"), reply);
        }
    }

    @Test
    void operationIsCaseInsensitiveAndAppWithoutSlashRedirects() throws Exception {
        assertEquals("launch", variantOf(site.get("/urswebapp/?operation=selfrenewsmartcard", TestSite.CHROME_UA)));
        HttpResponse<String> redirect = site.get("/urswebapp?operation=selfRenewSmartcard", TestSite.CHROME_UA);
        assertEquals(301, redirect.statusCode());
        assertTrue(redirect.headers()
                .firstValue("Location")
                .orElseThrow()
                .endsWith("/urswebapp/?operation=selfRenewSmartcard"));
    }

    @Test
    void jnlpIsADownloadWithIeSafeCacheHeaders() throws Exception {
        for (String ua : new String[] {TestSite.IE11_UA, TestSite.CHROME_UA}) {
            HttpResponse<String> jnlp = site.get(LaunchPaths.JNLP, ua);
            assertEquals(200, jnlp.statusCode());
            assertEquals(
                    Optional.of("application/x-java-jnlp-file"), jnlp.headers().firstValue("Content-Type"));
            assertEquals(
                    Optional.of("attachment; filename=\"selfrenewal.jnlp\""),
                    jnlp.headers().firstValue("Content-Disposition"));
            assertIeCanSave(jnlp);
            JnlpAssertions.assertLaunchable(jnlp.body(), site, "selfrenewal.jnlp");
        }
        assertEquals(404, site.get(LaunchPaths.JNLPX, TestSite.IE11_UA).statusCode(), ".jnlpx is off by default");
    }

    static void assertIeCanSave(HttpResponse<?> download) {
        String cacheControl = download.headers().firstValue("Cache-Control").orElse("");
        assertTrue(cacheControl.matches("private, max-age=\\d+"), cacheControl);
        assertTrue(download.headers().allValues("Pragma").isEmpty());
        String all = download.headers().map().toString().toLowerCase();
        assertFalse(all.contains("no-cache") || all.contains("no-store"), all);
    }

    @Test
    void jnlpxWhenEnabled() throws Exception {
        try (TestSite withJnlpx = TestSite.start(null, b -> b.offerJnlpx(true))) {
            HttpResponse<String> page = withJnlpx.get(LaunchPaths.RENEWAL_PAGE, TestSite.IE11_UA);
            assertTrue(page.body().contains("href=\"" + withJnlpx.base() + "/urswebapp/selfrenewal.jnlpx\""));
            HttpResponse<String> jnlpx = withJnlpx.get(LaunchPaths.JNLPX, TestSite.IE11_UA);
            assertEquals(200, jnlpx.statusCode());
            assertEquals(
                    Optional.of("application/x-java-jnlpx-file"),
                    jnlpx.headers().firstValue("Content-Type"));
            assertEquals(
                    Optional.of("attachment; filename=\"selfrenewal.jnlpx\""),
                    jnlpx.headers().firstValue("Content-Disposition"));
            assertIeCanSave(jnlpx);
            JnlpAssertions.assertLaunchable(jnlpx.body(), withJnlpx, "selfrenewal.jnlpx");
        }
    }

    @Test
    void jarsHaveValidatorsHeadAndConditionalGet() throws Exception {
        HttpResponse<byte[]> jar = site.send(HttpRequest.newBuilder(site.url("/urswebapp/jars/client-1.2.3.jar"))
                .build());
        assertEquals(200, jar.statusCode());
        assertEquals(Optional.of("application/java-archive"), jar.headers().firstValue("Content-Type"));
        assertEquals(new String(jarBytes), new String(jar.body()));
        assertEquals(Optional.of("Fri, 02 Jan 2026 03:04:05 GMT"), jar.headers().firstValue("Last-Modified"));
        String etag = jar.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> head = site.send(HttpRequest.newBuilder(site.url("/urswebapp/jars/client-1.2.3.jar"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(200, head.statusCode());
        assertEquals(
                Optional.of(Integer.toString(jarBytes.length)), head.headers().firstValue("Content-Length"));
        assertEquals(
                Optional.of("Fri, 02 Jan 2026 03:04:05 GMT"), head.headers().firstValue("Last-Modified"));
        assertEquals(0, head.body().length);

        HttpResponse<byte[]> byEtag = site.send(HttpRequest.newBuilder(site.url("/urswebapp/jars/client-1.2.3.jar"))
                .header("If-None-Match", etag)
                .build());
        assertEquals(304, byEtag.statusCode());
        HttpResponse<byte[]> byDate = site.send(HttpRequest.newBuilder(site.url("/urswebapp/jars/client-1.2.3.jar"))
                .header("If-Modified-Since", "Fri, 02 Jan 2026 03:04:05 GMT")
                .build());
        assertEquals(304, byDate.statusCode());
        HttpResponse<byte[]> older = site.send(HttpRequest.newBuilder(site.url("/urswebapp/jars/client-1.2.3.jar"))
                .header("If-Modified-Since", "Thu, 01 Jan 2026 00:00:00 GMT")
                .build());
        assertEquals(200, older.statusCode());

        assertEquals(404, site.get("/urswebapp/jars/notes.txt", null).statusCode());
        assertEquals(404, site.get("/urswebapp/jars/missing-1.0.jar", null).statusCode());
        int traversal = site.get("/urswebapp/jars/..%2Fclient-1.2.3.jar", null).statusCode();
        assertTrue(
                traversal == 400 || traversal == 404,
                "Jetty refuses an encoded slash (400) or we do (404): " + traversal);
    }

    @Test
    void staticAssetsButNotTemplates() throws Exception {
        HttpResponse<String> css = site.get("/urswebapp/static/css/site.css", null);
        assertEquals(200, css.statusCode());
        assertEquals(Optional.of("text/css;charset=utf-8"), css.headers().firstValue("Content-Type"));
        String etag = css.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = site.send(HttpRequest.newBuilder(site.url("/urswebapp/static/css/site.css"))
                .header("If-None-Match", etag)
                .build());
        assertEquals(304, again.statusCode());
        assertEquals(
                200, site.get("/urswebapp/static/ie-compat/ie-compat.js", null).statusCode());
        assertEquals(200, site.get("/urswebapp/static/js/launch.js", null).statusCode());
        assertEquals(
                404, site.get("/urswebapp/static/templates/page.html", null).statusCode());
        assertEquals(404, site.get("/urswebapp/static/compatibility.json", null).statusCode());
        assertEquals(
                404, site.get("/urswebapp/static/../web/css/site.css", null).statusCode());
    }

    @Test
    void otherPathsAreLeftToTheServerAndPostIsRefused() throws Exception {
        assertEquals(404, site.get("/", null).statusCode());
        assertEquals(404, site.get("/urswebapp/other", null).statusCode());
        HttpResponse<byte[]> post = site.send(HttpRequest.newBuilder(site.url(LaunchPaths.RENEWAL_PAGE))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
        assertEquals(405, post.statusCode());
    }
}
