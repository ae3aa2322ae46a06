package org.selfrenewal.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background processes a test fixture started: stopped on request, and recorded (pid and start time)
 * so that the next run can stop the ones a killed JVM left behind, and only those.
 */
final class Daemons {

    private static final Logger LOG = LoggerFactory.getLogger(Daemons.class);
    private static final String RECORD = "daemons.pids";

    private Daemons() {}

    static void record(Path directory, List<Process> processes) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Process p : processes) {
            Optional<Instant> start = p.info().startInstant();
            if (start.isPresent()) {
                lines.append(p.pid()).append(' ').append(start.get()).append('\n');
            }
        }
        Files.writeString(directory.resolve(RECORD), lines);
    }

    /** Stops processes recorded in {@code directory} that are still running (same pid and start time). */
    static void killLeftovers(Path directory) {
        Path record = directory.resolve(RECORD);
        if (!Files.isRegularFile(record)) {
            return;
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(record));
            Collections.reverse(lines); // stop them in the reverse order of their start, as stop() does
            for (String line : lines) {
                String[] fields = line.trim().split(" ");
                if (fields.length != 2) {
                    continue;
                }
                Instant start = Instant.parse(fields[1]);
                ProcessHandle.of(Long.parseLong(fields[0]))
                        .filter(h -> h.info().startInstant().map(start::equals).orElse(false))
                        .ifPresent(h -> {
                            LOG.info(
                                    "Stopping leftover process {} ({})",
                                    h.pid(),
                                    h.info().command().orElse("?"));
                            stop(h);
                        });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void stop(Process process) {
        stop(process.toHandle());
    }

    private static void stop(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            handle.destroyForcibly();
        }
    }
}
