package org.selfrenewal.server.api;

import org.selfrenewal.protocol.ErrorCode;

/** Told of every answer the renewal API gives (for metrics); must be quick and must not throw. */
@FunctionalInterface
public interface ApiObserver {

    ApiObserver NONE = (step, status, refusal, nanos) -> {};

    /**
     * @param step    {@code start}, {@code certificate-requests}, {@code confirmation}, {@code cancellation},
     *                {@code health} or {@code other}
     * @param refusal the refusal's code, or null when the step succeeded (or failed unexpectedly: 500)
     * @param nanos   time from the request reaching the API to its answer being written
     */
    void answered(String step, int status, ErrorCode refusal, long nanos);
}
