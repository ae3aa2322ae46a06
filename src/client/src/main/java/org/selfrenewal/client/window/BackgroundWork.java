package org.selfrenewal.client.window;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs card and network work off the event thread, one job at a time, on our own thread. (Under
 * OpenWebStart's security manager the ForkJoin common pool's threads lack permissions, OWS issue 596, so
 * nothing here uses it.) Results come back on the event thread.
 */
final class BackgroundWork implements AutoCloseable {

    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "smartcard-worker");
        thread.setDaemon(true);
        return thread;
    });

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final Runnable onUnexpected;

    /** {@code onUnexpected} runs on the event thread when a job fails in a way no step foresaw. */
    BackgroundWork(Runnable onUnexpected) {
        this.onUnexpected = onUnexpected;
    }

    /** Runs {@code job} on the worker and hands its result to {@code done} on the event thread. */
    <T> void run(Supplier<T> job, Consumer<T> done) {
        worker.execute(() -> {
            try {
                T result = job.get();
                SwingUtilities.invokeLater(() -> done.accept(result));
            } catch (RuntimeException | Error e) {
                LOG.error("Unexpected failure in the background", e);
                SwingUtilities.invokeLater(onUnexpected);
            }
        });
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}
