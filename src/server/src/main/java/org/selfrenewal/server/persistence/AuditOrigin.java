package org.selfrenewal.server.persistence;

import java.util.UUID;

/**
 * Who caused an audit event and through which request: the actor (the card holder through the API, an
 * RA operator, or the server itself), the request's id and the client's network address (null where
 * there is no request).
 */
public record AuditOrigin(String actor, String requestId, String clientAddress) {

    /** A card holder's application (or whoever speaks for it) through the renewal API. */
    public static AuditOrigin apiRequest(String requestId, String clientAddress) {
        return new AuditOrigin("card-holder", requestId, clientAddress);
    }

    /** A registration-authority operator at a command line. */
    public static AuditOrigin operator(String name) {
        return new AuditOrigin("operator:" + name, UUID.randomUUID().toString(), null);
    }

    /** The server acting on its own (for example the timeout sweep of one node). */
    public static AuditOrigin server(String what) {
        return new AuditOrigin("server:" + what, null, null);
    }

    /** The operator this process runs as: the OS user. */
    public static AuditOrigin processUser() {
        return operator(System.getProperty("user.name", "unknown"));
    }
}
