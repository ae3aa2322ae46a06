package org.selfrenewal.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.selfrenewal.server.tls.ServerTls;

/**
 * Where and how the server listens: HTTPS with a TLS identity, or plain HTTP — allowed only on a loopback
 * address, for development and tests on one machine.
 */
public record HttpEndpoint(String host, int port, ServerTls tls) {

    public static HttpEndpoint https(String host, int port, ServerTls tls) {
        if (tls == null) {
            throw new IllegalArgumentException("HTTPS needs a TLS keystore");
        }
        return new HttpEndpoint(host, port, tls);
    }

    /** Plain HTTP; refused unless {@code host} is a loopback address. */
    public static HttpEndpoint plainHttpOnLoopback(String host, int port) {
        if (!isLoopback(host)) {
            throw new IllegalArgumentException("Plain HTTP is only allowed on a loopback address (127.0.0.1, ::1, "
                    + "localhost), not on " + host + ". Serve HTTPS instead.");
        }
        return new HttpEndpoint(host, port, null);
    }

    public boolean secure() {
        return tls != null;
    }

    public String scheme() {
        return secure() ? "https" : "http";
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
