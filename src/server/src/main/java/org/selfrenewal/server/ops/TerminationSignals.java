package org.selfrenewal.server.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM (systemd's stop, {@code kill}) and SIGINT (Ctrl+C) start a graceful stop instead of the JVM's
 * immediate exit: the server stops accepting, finishes what is in flight, closes the pool, and the
 * process exits 0 ({@code sun.misc.Signal}, in the JDK's {@code jdk.unsupported} module; where it is
 * missing the JVM's default handling stays).
 */
public final class TerminationSignals {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {}

    /** Runs {@code stop} once, on a thread of its own, at the first SIGTERM or SIGINT. */
    public static void onTermination(Runnable stop) {
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (stopping.compareAndSet(false, true)) {
                        LOG.info("SIG{} received: stopping (in-flight requests finish first)", name);
                        Thread stopper = new Thread(stop, "graceful-stop");
                        stopper.start();
                    }
                });
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                LOG.debug("No handler for SIG{}: {}", name, e.toString());
            }
        }
    }
}
