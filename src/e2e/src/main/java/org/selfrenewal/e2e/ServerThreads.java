package org.selfrenewal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server process's CPU time split by the kind of thread that spent it, read from
 * {@code /proc/<pid>/task/<tid>/stat} (user + system, 10 ms ticks) and named by {@code comm}: JFR's samples
 * see only Java threads, while the process CPU also pays the JIT compilers, the garbage collector and the
 * VM's own thread. A thread that ended between two readings is counted in {@link Kind#ENDED} (the process
 * total keeps its time, its task entry is gone).
 */
final class ServerThreads {

    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // Linux USER_HZ

    enum Kind {
        JAVA("Java threads (requests, database, housekeeping)"),
        JIT("JIT compilers (C1, C2)"),
        GC("garbage collector and VM operations (GC threads, VM Thread)"),
        JFR("JFR (the profile recording itself)"),
        ENDED("threads that ended meanwhile");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** CPU nanoseconds per kind at one moment, with the process total. */
    record Snapshot(Map<Kind, Long> byKind, long processNanos) {

        /** What each kind spent from {@code earlier} to this snapshot; ENDED is the rest of the process's time. */
        Map<Kind, Long> since(Snapshot earlier) {
            Map<Kind, Long> delta = new EnumMap<>(Kind.class);
            long live = 0;
            for (Kind kind : Kind.values()) {
                if (kind == Kind.ENDED) {
                    continue;
                }
                long d = byKind.getOrDefault(kind, 0L) - earlier.byKind.getOrDefault(kind, 0L);
                delta.put(kind, d);
                live += d;
            }
            delta.put(Kind.ENDED, Math.max(0, processNanos - earlier.processNanos - live));
            return delta;
        }
    }

    private ServerThreads() {}

    static Snapshot read(long pid, long processNanos) throws IOException {
        Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    byKind.merge(kind(name), cpuNanos(task.resolve("stat")), Long::sum);
                } catch (IOException e) {
                    // the thread ended while being read: its time is in ENDED
                }
            }
        }
        return new Snapshot(byKind, processNanos);
    }

    /** User + system CPU time in a {@code /proc} {@code stat} file (a process's or a thread's), in nanoseconds. */
    static long cpuNanos(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return ticks * NANOS_PER_TICK;
    }

    /** The kind of a thread by its name as the kernel keeps it (at most 15 characters). */
    static Kind kind(String name) {
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return Kind.JIT;
        }
        if (name.startsWith("GC Thread")
                || name.startsWith("G1 ")
                || name.startsWith("VM Thread")
                || name.startsWith("ZGC")
                || name.startsWith("Z ")) {
            return Kind.GC;
        }
        if (name.startsWith("JFR ")) {
            return Kind.JFR;
        }
        return Kind.JAVA;
    }
}
