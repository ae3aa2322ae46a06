package org.selfrenewal.client;

import java.io.IOException;
import java.net.URI;
import javax.net.ssl.SSLException;

/** The renewal service could not be reached, could not prove its identity, or gave no usable answer. */
public final class ServiceUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServiceUnreachableException(URI service, IOException cause) {
        super(message(service, cause), cause);
    }

    /** The service answered but could not prove it is genuine (TLS certificate not trusted). */
    public boolean untrusted() {
        return getCause() instanceof SSLException;
    }

    private static String message(URI service, IOException cause) {
        if (cause instanceof SSLException) {
            return "The renewal service at " + service + " could not prove it is genuine (its security "
                    + "certificate is not trusted), so nothing was sent to it and your smartcard was not changed. "
                    + "Contact your IT service desk.";
        }
        return "The renewal service at " + service + " could not be reached. Check your network connection and "
                + "try again. If it keeps happening, contact your IT service desk.";
    }
}
