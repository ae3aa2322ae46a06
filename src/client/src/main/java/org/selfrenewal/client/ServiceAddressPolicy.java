package org.selfrenewal.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which renewal service addresses the client will talk to: HTTPS anywhere, plain HTTP only to this
 * machine (loopback). Checked before the card is touched, so a forged address is refused up front.
 */
public final class ServiceAddressPolicy {

    /** Hosts pinned by the deployment inside the signed jar (one per line); absent in a plain build. */
    public static final String PINNED_HOSTS = "/org/selfrenewal/client/allowed-hosts.txt";

    private ServiceAddressPolicy() {}

    /**
     * Returns normally for an acceptable address.
     *
     * @throws IllegalArgumentException with a message a card holder can act on
     */
    public static void check(URI service) {
        if (service == null || service.getScheme() == null || service.getHost() == null) {
            throw new IllegalArgumentException("The renewal service address '" + service
                    + "' is not a web address (it must look like https://server.example). Use the link your "
                    + "IT service desk gave you.");
        }
        String scheme = service.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && isLoopback(service.getHost())) {
            return;
        }
        throw new IllegalArgumentException("The renewal service address '" + service + "' is not secure (it must "
                + "start with https://), so your smartcard was not used. Use the link your IT service desk gave you.");
    }

    /**
     * As {@link #check(URI)}, and the host must be one of {@code allowedHosts} (for example the hosts
     * pinned in the signed jar): a forged JNLP argument naming another server is refused. An empty
     * collection allows any host.
     *
     * @throws IllegalArgumentException with a message a card holder can act on
     */
    public static void check(URI service, Collection<String> allowedHosts) {
        check(service);
        if (allowedHosts.isEmpty()) {
            return;
        }
        String host = service.getHost().toLowerCase(Locale.ROOT);
        if (allowedHosts.stream()
                .noneMatch(allowed -> allowed.toLowerCase(Locale.ROOT).equals(host))) {
            throw new IllegalArgumentException("The renewal service address '" + service + "' is not the renewal "
                    + "service this application was made for, so your smartcard was not used. Use the link your "
                    + "IT service desk gave you.");
        }
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost: never resolved here, never trusted as loopback
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The hosts pinned in this (signed) jar, or none. */
    public static List<String> pinnedHosts() {
        try (InputStream in = ServiceAddressPolicy.class.getResourceAsStream(PINNED_HOSTS)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the pinned service hosts cannot be read", e);
        }
    }

    /** Whether {@code service}'s host is one of {@code allowedHosts} (any host when there are none). */
    public static boolean isAllowedHost(URI service, Collection<String> allowedHosts) {
        return allowedHosts.isEmpty()
                || service.getHost() != null
                        && allowedHosts.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(service.getHost()));
    }
}
