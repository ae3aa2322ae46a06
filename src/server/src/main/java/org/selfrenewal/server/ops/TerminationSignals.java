package org.selfrenewal.server.ops;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM (systemd's stop, {@code kill}) and SIGINT (Ctrl+C) start a graceful stop instead of the JVM's
 * immediate exit: the server stops accepting, finishes what is in flight, closes the pool, and the
 * process exits 0. The JDK's only signal API is {@code sun.misc.Signal} (module {@code jdk.unsupported}); it is
 * reached by reflection because naming it in code is a compiler warning that no {@code @SuppressWarnings} can
 * silence, and the build treats warnings as errors. Where it is missing the JVM's default handling stays.
 */
public final class TerminationSignals {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {}

    /** Runs {@code stop} once, on a thread of its own, at the first SIGTERM or SIGINT. */
    public static void onTermination(Runnable stop) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Class<?> signalClass = Class.forName("sun.misc.Signal");
                Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                Object handler = Proxy.newProxyInstance(
                        TerminationSignals.class.getClassLoader(),
                        new Class<?>[] {handlerClass},
                        (proxy, method, arguments) -> switch (method.getName()) {
                            case "handle" -> {
                                if (stopping.compareAndSet(false, true)) {
                                    LOG.info("SIG{} received: stopping (in-flight requests finish first)", name);
                                    new Thread(stop, "graceful-stop").start();
                                }
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == arguments[0];
                            default -> "graceful stop on SIG" + name;
                        });
                signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            } catch (ReflectiveOperationException
                    | IllegalArgumentException
                    | UnsupportedOperationException
                    | LinkageError e) {
                LOG.debug("No handler for SIG{}: {}", name, e.toString());
            }
        }
    }
}
