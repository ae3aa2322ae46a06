package org.selfrenewal.client;

import java.io.InterruptedIOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.selfrenewal.protocol.RenewalStarted;

/**
 * The service's start of a renewal, asked for on a thread of its own so that the card generates its new keys
 * meanwhile (issue 10: on a real card each key takes seconds; connecting, the TLS handshake, loading the HTTP
 * classes and the service's rules need not wait for it, nor it for them). {@link #await()} hands over the
 * answer, or the refusal, where the renewal first needs it.
 */
final class ServiceContact {

    /** Asks the service to start (or start again). */
    @FunctionalInterface
    interface Start {
        RenewalStarted call() throws RenewalRefusedException, ServiceUnreachableException;
    }

    private final URI service;
    private final CompletableFuture<RenewalStarted> answer;

    private ServiceContact(URI service, CompletableFuture<RenewalStarted> answer) {
        this.service = service;
        this.answer = answer;
    }

    /** Starts asking the service to open a renewal for {@code current}; returns at once. */
    static ServiceContact start(RenewalApi api, CurrentCredentials current) {
        return ask(api.serviceUri(), () -> CardRenewal.start(api, current));
    }

    /** A start the service has already answered. */
    static ServiceContact done(RenewalStarted started) {
        return new ServiceContact(null, CompletableFuture.completedFuture(started));
    }

    private static ServiceContact ask(URI service, Start start) {
        CompletableFuture<RenewalStarted> answer = new CompletableFuture<>();
        Thread asking = new Thread(
                () -> {
                    try {
                        answer.complete(start.call());
                    } catch (Exception | Error e) {
                        answer.completeExceptionally(e);
                    }
                },
                "service-contact");
        asking.setDaemon(true);
        asking.start();
        return new ServiceContact(service, answer);
    }

    /** This contact, or a new start (asked for at once, on its own thread) when the answer is {@code stale}. */
    ServiceContact orRestartIf(Predicate<RenewalStarted> stale, URI service, Start again) {
        if (answer.isDone() && !answer.isCompletedExceptionally() && stale.test(answer.join())) {
            return ask(service, again);
        }
        return this;
    }

    /** Throws the service's refusal (or its silence) if it has already come; returns at once otherwise. */
    void throwIfRefused() throws RenewalRefusedException, ServiceUnreachableException {
        if (answer.isDone()) {
            await();
        }
    }

    /** The service's answer, waiting for it if need be; its refusal or silence as the exception it was. */
    RenewalStarted await() throws RenewalRefusedException, ServiceUnreachableException {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted =
                    new InterruptedIOException("interrupted while waiting for the service");
            interrupted.initCause(e);
            throw new ServiceUnreachableException(service, interrupted);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RenewalRefusedException refused) {
                throw refused;
            }
            if (cause instanceof ServiceUnreachableException unreachable) {
                throw unreachable;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * For a roll-back: the renewal the service started, waiting for its answer if it is still on its way (so it
     * can be cancelled), or null if it started none.
     */
    RenewalStarted startedIfAny() {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }
}
