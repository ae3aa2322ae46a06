package org.selfrenewal.client.window;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The renewal link a notification may open: an absolute https link (http only to this machine), no user part. */
final class RenewalLink {

    private RenewalLink() {}

    static void check(URI link) {
        boolean https = "https".equalsIgnoreCase(link.getScheme());
        boolean localHttp = "http".equalsIgnoreCase(link.getScheme()) && isLoopback(link.getHost());
        if (!link.isAbsolute() || link.getHost() == null || link.getUserInfo() != null || !(https || localHttp)) {
            throw new IllegalArgumentException("The renewal link must be an https:// address, for example "
                    + "https://uim.example.nhs.uk/urswebapp/?operation=selfRenewSmartcard (got " + link + ")");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
