package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StaticAssetHandlerTest {

    @Test
    @DisplayName("assets are preloaded when the handler is made: the stylesheet and both scripts")
    void preloadsEveryAsset() {
        assertTrue(new StaticAssetHandler().assetCount() >= 3);
    }

    @Test
    @DisplayName("fail/odd-urls: misses are 404 (the handler's assets are an immutable map made at start)")
    void missesAreNeverRemembered() throws Exception {
        try (TestSite site = TestSite.start()) {
            for (int i = 0; i < 300; i++) {
                HttpResponse<String> miss = site.get("/urswebapp/static/css/missing-" + i + ".css", null);
                assertEquals(404, miss.statusCode());
            }
            assertEquals(200, site.get("/urswebapp/static/css/site.css", null).statusCode());
        }
    }
}
