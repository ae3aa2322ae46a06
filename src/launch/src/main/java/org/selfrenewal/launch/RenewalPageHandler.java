package org.selfrenewal.launch;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Answers {@code GET /urswebapp/}: with {@code ?operation=selfRenewSmartcard} the renewal page in
 * the variant the compatibility table picks for the User-Agent; without an operation, or with
 * one we do not offer, the service information page (status 200 / 404) with the right link.
 */
public final class RenewalPageHandler extends Handler.Abstract.NonBlocking {

    private final RenewalPages pages;
    private final IeCompatLaunchProfile ieCompat;
    private final Map<BrowserFamily, RenderedPage> renewalPages = new EnumMap<>(BrowserFamily.class);
    private final RenderedPage servicePage;

    /** Renders every variant once, so template problems show at start-up. */
    public RenewalPageHandler(RenewalPages pages, IeCompatLaunchProfile ieCompat) {
        this.pages = pages;
        this.ieCompat = ieCompat;
        for (BrowserFamily family : BrowserFamily.values()) {
            renewalPages.put(family, pages.renewalPage(family));
        }
        this.servicePage = pages.servicePage(null);
    }

    /** The {@code operation} parameter; a query Jetty cannot decode counts as an unknown operation. */
    private static String operationOf(Request request) {
        try {
            Fields query = Request.extractQueryParameters(request);
            return query.getValue("operation");
        } catch (RuntimeException undecodable) {
            return "(unreadable web link)";
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpReplies.requireGetOrHead(request, response, callback)) {
            return true;
        }
        String operation = operationOf(request);
        RenderedPage page;
        if (operation == null || operation.isBlank()) {
            page = servicePage;
        } else if (operation.trim().equalsIgnoreCase(LaunchPaths.OPERATION)) {
            page = renewalPages.get(
                    UserAgentClassifier.classify(request.getHeaders().get(HttpHeader.USER_AGENT)));
        } else {
            page = pages.servicePage(operation.trim());
        }
        HttpFields.Mutable headers = response.getHeaders();
        HttpReplies.addPageHeaders(headers);
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        headers.put(HttpHeader.VARY, "User-Agent");
        if (page.variant() == PageVariant.IE_COMPAT) {
            ieCompat.applyPageHeaders(headers);
        }
        HttpReplies.send(
                request,
                response,
                callback,
                page.status(),
                "text/html;charset=utf-8",
                page.html().toString().getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
