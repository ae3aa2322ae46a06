package org.selfrenewal.launch;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the renewal page in its variants and the service information page, from the templates
 * in {@code web/templates/} (and, for IE, {@link IeCompatLaunchProfile}).
 */
public final class RenewalPages {

    private static final String TEMPLATES = "web/templates/";
    private static final String TITLE = "Renew your smartcard certificates - NHS smartcard self-renewal";

    private final Template layout = Template.fromClasspath(TEMPLATES + "page.html");
    private final Template header = Template.fromClasspath(TEMPLATES + "header.html");
    private final Template footer = Template.fromClasspath(TEMPLATES + "footer.html");
    private final Template launchSection = Template.fromClasspath(TEMPLATES + "launch-section.html");
    private final Template unsupportedSection = Template.fromClasspath(TEMPLATES + "unsupported-section.html");
    private final Template guide = Template.fromClasspath(TEMPLATES + "guide.html");
    private final Template contacts = Template.fromClasspath(TEMPLATES + "contacts.html");
    private final Template contactsAdvice = Template.fromClasspath(TEMPLATES + "contacts-advice.html");
    private final Template helpSection = Template.fromClasspath(TEMPLATES + "help-page-section.html");
    private final Template unknownOperationNotice = Template.fromClasspath(TEMPLATES + "unknown-operation-notice.html");

    private final LaunchSiteConfig config;
    private final LaunchUrls urls;
    private final CompatibilityTable compatibility;
    private final IeCompatLaunchProfile ieCompat;

    /** Loads the templates. */
    public RenewalPages(LaunchSiteConfig config, CompatibilityTable compatibility, IeCompatLaunchProfile ieCompat) {
        this.config = config;
        this.urls = new LaunchUrls(config);
        this.compatibility = compatibility;
        this.ieCompat = ieCompat;
    }

    /** The renewal page for a browser. */
    public RenderedPage renewalPage(BrowserFamily browser) {
        BrowserVerdict verdict = compatibility.verdictFor(browser);
        PageParts parts = parts(TITLE, verdict);
        Markup html =
                switch (verdict.variant()) {
                    case IE_COMPAT -> ieCompat.renderPage(parts, compatibility.verdictFor(BrowserFamily.OLD_IE));
                    case LAUNCH -> {
                        Map<String, Object> values = parts.values();
                        values.put("jnlpProtocolUrl", urls.jnlpProtocolLink().toString());
                        yield inLayout(parts, launchSection.render(values));
                    }
                    case UNSUPPORTED -> {
                        Map<String, Object> values = parts.values();
                        values.put("guidance", verdict.guidance());
                        yield inLayout(parts, unsupportedSection.render(values));
                    }
                };
        return new RenderedPage(200, verdict.variant(), html);
    }

    /**
     * The page for {@code /urswebapp/} without an operation (status 200) or with one we do not
     * offer (status 404): what the service is and the right link.
     */
    public RenderedPage servicePage(String unknownOperation) {
        BrowserVerdict verdict = compatibility.verdictFor(BrowserFamily.UNKNOWN);
        PageParts parts = new PageParts(
                "NHS smartcard self-renewal - " + config.trust().trustName(),
                "service",
                LaunchPaths.STATIC,
                headerHtml(),
                footerHtml(),
                contactsAdviceHtml(),
                Markup.EMPTY,
                verdict.browserName(),
                urls.renewalPage().toString(),
                urls.jnlp().toString(),
                LaunchPaths.JNLP_FILE,
                urls.host(),
                config.nothingHappenedDelay().toSeconds());
        Map<String, Object> values = trustValues();
        values.put("renewalPagePath", LaunchPaths.RENEWAL_PAGE);
        values.put("renewalPageUrl", urls.renewalPage().toString());
        values.put("contacts", contacts.render(trustValues()));
        values.put(
                "operationNotice",
                unknownOperation == null
                        ? Markup.EMPTY
                        : unknownOperationNotice.render(Map.of("operation", abbreviate(unknownOperation))));
        return new RenderedPage(
                unknownOperation == null ? 200 : 404, null, inLayout(parts, helpSection.render(values)));
    }

    private PageParts parts(String title, BrowserVerdict verdict) {
        Map<String, Object> guideValues = trustValues();
        guideValues.put("compatibilityTable", compatibility.toHtml(verdict.family()));
        guideValues.put("renewalPageUrl", urls.renewalPage().toString());
        guideValues.put("contactsAdvice", contactsAdviceHtml());
        guideValues.put("contacts", contacts.render(trustValues()));
        return new PageParts(
                title,
                verdict.variant().name().toLowerCase(Locale.ROOT),
                LaunchPaths.STATIC,
                headerHtml(),
                footerHtml(),
                contactsAdviceHtml(),
                guide.render(guideValues),
                verdict.browserName(),
                urls.renewalPage().toString(),
                LaunchPaths.JNLP,
                LaunchPaths.JNLP_FILE,
                urls.host(),
                config.nothingHappenedDelay().toSeconds());
    }

    private Markup inLayout(PageParts parts, Markup variantContent) {
        Map<String, Object> values = parts.values();
        values.put("content", Markup.concat(variantContent, parts.guide()));
        return layout.render(values);
    }

    private Markup headerHtml() {
        Map<String, Object> values = trustValues();
        values.put(
                "developmentWarning",
                config.developmentWarning() == null
                        ? Markup.EMPTY
                        : Markup.trusted("<p class=\"site-header__warning\" role=\"alert\">"
                                + Markup.escapeText(config.developmentWarning()) + "</p>"));
        return header.render(values);
    }

    private Markup footerHtml() {
        Map<String, Object> values = trustValues();
        values.put("renewalPageUrl", urls.renewalPage().toString());
        return footer.render(values);
    }

    private Markup contactsAdviceHtml() {
        return contactsAdvice.render(trustValues());
    }

    private Map<String, Object> trustValues() {
        TrustContacts trust = config.trust();
        Map<String, Object> values = new HashMap<>();
        values.put("trustName", trust.trustName());
        values.put("itPhone", trust.itPhone());
        values.put("serviceDesk", trust.serviceDesk());
        values.put("registrationAuthority", trust.registrationAuthority());
        values.put("registrationAuthorityContact", trust.registrationAuthorityContact());
        return values;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
