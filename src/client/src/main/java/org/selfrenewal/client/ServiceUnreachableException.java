package org.selfrenewal.client;

import java.io.IOException;
import java.net.URI;

/** The renewal service could not be reached or gave no usable answer. */
public final class ServiceUnreachableException extends Exception {

    public ServiceUnreachableException(URI service, IOException cause) {
        super("The renewal service at " + service + " could not be reached. Check your network connection and "
                + "try again. If it keeps happening, contact your IT service desk.", cause);
    }
}
