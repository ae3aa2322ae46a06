package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.client.TrustAnchors;

/**
 * {@code serve} as the README's first "Using it" row starts it (no --jar-dir) finds the build's own signed
 * jars: the JNLP it serves names only jars that answer 200, and so does the page's launch link.
 */
class ServeOutOfTheBoxTest {

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    @Test
    @DisplayName("serve without --jar-dir: every jar of the served JNLP and the page's launch link answer 200")
    void everyJarOfTheServedJnlpAnswers(TestInfo test) throws Exception {
        Path webstartJars = Path.of(System.getProperty("selfrenewal.webstart.jars", "../webstart/target/jars"));
        RequiredTools.need(Files.isDirectory(webstartJars), "signed jars not built: " + webstartJars);
        Path work = TestDirectories.fresh(test);
        Path data = work.resolve("data");
        try (ServeProcess serve = ServeProcess.start(work, "--data-dir", data.toString())) {
            assertTrue(
                    serve.output()
                            .contains("Client jars served from "
                                    + webstartJars.toAbsolutePath().normalize()),
                    serve.output());
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(TrustAnchors.sslContext(TrustAnchors.load(List.of(data.resolve("ca/root-ca.pem")))))
                    .build();
            URI page = serve.baseUri.resolve("/urswebapp/?operation=selfRenewSmartcard");
            HttpResponse<String> renewalPage = get(http, page);
            assertEquals(200, renewalPage.statusCode());
            List<String> launchLinks = hrefs(renewalPage.body(), "[^\"]*\\.jnlp");
            assertFalse(launchLinks.isEmpty(), renewalPage.body());
            for (String link : launchLinks) {
                // jnlps:// (the protocol link OpenWebStart registers) fetches the same file over https://
                URI target =
                        page.resolve(link.replaceFirst("^jnlps://", "https://").replaceFirst("^jnlp://", "http://"));
                assertEquals(200, get(http, target).statusCode(), link);
            }
            HttpResponse<String> jnlp = get(http, serve.baseUri.resolve("/urswebapp/selfrenewal.jnlp"));
            assertEquals(200, jnlp.statusCode());
            List<String> jars = hrefs(jnlp.body(), "[^\"]*\\.jar");
            assertFalse(jars.isEmpty(), jnlp.body());
            for (String jar : jars) {
                HttpResponse<String> answer = get(http, URI.create(jar));
                assertEquals(200, answer.statusCode(), jar);
                assertTrue(answer.body().length() > 1000, jar + " is a jar");
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri).header("User-Agent", CHROME).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    private static List<String> hrefs(String markup, String pattern) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile("href=\"(" + pattern + ")\"").matcher(markup);
        while (matcher.find()) {
            found.add(matcher.group(1).replace("&amp;", "&"));
        }
        return found;
    }
}
