package org.selfrenewal.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.HsmHierarchy;
import org.selfrenewal.launch.LaunchSiteConfig;

/**
 * The development defaults a service would run on: the development CA (created on first start), the
 * development TLS certificate from it, and no site configuration (the "Development NHS Trust" and its
 * contacts on the page). Harmless on loopback; where card holders reach the service (a non-loopback
 * {@code --public-url}) {@code serve} refuses them unless told {@code --allow-development-defaults}.
 */
public record DevelopmentDefaults(List<String> inUse) {

    public DevelopmentDefaults {
        inUse = List.copyOf(inUse);
    }

    /** What is shown on every page and logged at every start when development defaults are allowed. */
    public static final String PAGE_WARNING = "Test service: this renewal service runs on development settings "
            + "(development certificate authority, TLS certificate or trust details). Do not renew a real smartcard here.";

    /**
     * Finds the development defaults in use, without creating or opening anything but the CA's PEM file
     * ({@code site} is null when no launch site is served).
     */
    public static DevelopmentDefaults find(Path caDirectory, Path tlsKeyStore, Path siteConfig, LaunchSiteConfig site) {
        List<String> inUse = new ArrayList<>();
        String ca = developmentCa(caDirectory);
        if (ca != null) {
            inUse.add(ca);
        }
        if (tlsKeyStore == null) {
            inUse.add("the development TLS certificate (pass --tls-keystore FILE --tls-password-env VAR with the "
                    + "service's own certificate)");
        }
        String developmentTrust = LaunchSiteConfig.developmentDefaults().trust().trustName();
        if (siteConfig == null && site != null) {
            inUse.add("no site configuration: the page would name the " + developmentTrust + " and its contacts "
                    + "(pass --site-config FILE, keys in src/launch/README.md)");
        } else if (site != null && developmentTrust.equals(site.trust().trustName())) {
            inUse.add("--site-config " + siteConfig + " keeps the development trust.name (" + developmentTrust + ")");
        }
        return new DevelopmentDefaults(List.copyOf(inUse));
    }

    /** Whether card holders reach the service at {@code publicUrl}: any address that is not loopback. */
    public static boolean isPublic(URI publicUrl) {
        return publicUrl != null && !HttpEndpoint.isLoopback(publicUrl.getHost());
    }

    public boolean any() {
        return !inUse.isEmpty();
    }

    /** The refusal: what is missing, and the two ways on. */
    public String refusal(URI publicUrl) {
        return "--public-url " + publicUrl + " is where card holders renew their smartcards, but the service "
                + "would run on development defaults:" + list()
                + "\nPass the trust's own, or --allow-development-defaults to run a test service with them anyway.";
    }

    /** The warning logged at every start when they are allowed. */
    public String warning(URI publicUrl) {
        return "Running on development defaults at " + publicUrl + " (--allow-development-defaults); every page "
                + "says so:" + list();
    }

    private String list() {
        StringBuilder text = new StringBuilder();
        inUse.forEach(item -> text.append("\n  - ").append(item));
        return text.toString();
    }

    private static String developmentCa(Path caDirectory) {
        if (!DevelopmentHierarchy.exists(caDirectory) && !HsmHierarchy.configured(caDirectory)) {
            return "the development CA (" + caDirectory + " holds no CA; the first start would create a development "
                    + "hierarchy)";
        }
        Path root = DevelopmentHierarchy.certificateFile(caDirectory, DevelopmentHierarchy.ROOT_CA);
        try (InputStream in = Files.newInputStream(root)) {
            X509Certificate certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            String subject = certificate.getSubjectX500Principal().getName();
            return subject.contains("O=" + DevelopmentHierarchy.ORGANISATION)
                    ? "the development CA (" + root + ": " + subject + ")"
                    : null;
        } catch (IOException | GeneralSecurityException e) {
            return "the development CA (" + root + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
