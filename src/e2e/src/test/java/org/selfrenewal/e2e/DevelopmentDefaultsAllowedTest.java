package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.client.TrustAnchors;
import org.selfrenewal.server.DevelopmentDefaults;

/** A test service at a public address on development defaults: allowed only when told, and then said aloud. */
class DevelopmentDefaultsAllowedTest {

    @Test
    @DisplayName("--allow-development-defaults: a warning at start and on the renewal page")
    void allowedDevelopmentDefaultsWarnAtStartAndOnThePage(TestInfo test) throws Exception {
        Path webstartJars = Path.of(System.getProperty("selfrenewal.webstart.jars", "../webstart/target/jars"));
        RequiredTools.need(Files.isDirectory(webstartJars), "signed jars not built: " + webstartJars);
        Path work = TestDirectories.fresh(test);
        Path data = work.resolve("data");
        try (ServeProcess serve = ServeProcess.start(
                work,
                "--data-dir",
                data.toString(),
                "--public-url",
                "https://uim.example.nhs.uk",
                "--allow-development-defaults")) {
            String output = serve.output();
            assertTrue(
                    output.contains("WARN")
                            && output.contains("Running on development defaults at "
                                    + "https://uim.example.nhs.uk (--allow-development-defaults)"),
                    output);
            assertTrue(output.contains("  - the development TLS certificate"), output);
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(TrustAnchors.sslContext(TrustAnchors.load(List.of(data.resolve("ca/root-ca.pem")))))
                    .build();
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(serve.baseUri.resolve("/urswebapp/?operation=selfRenewSmartcard"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(
                    page.body()
                            .contains("<p class=\"site-header__warning\" role=\"alert\">"
                                    + DevelopmentDefaults.PAGE_WARNING + "</p>"),
                    page.body());
        }
    }
}
