package org.selfrenewal.webstart;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Build check (run by Maven after signing): the first-launch download of each platform, i.e. the bytes of every
 * jar the JNLP names for that platform, must stay within a budget. The jars of the jar directory are the
 * common ones (named in the JNLP's main {@code <resources>}) and the platform jars (manifest attribute
 * {@value NativePlatform#MANIFEST_ATTRIBUTE}, named in {@code <resources os=... arch=...>}, see
 * {@link WebstartBundle}); one platform downloads the common jars, its own platform jar and any native library
 * served beside them. Over budget, it prints each file's size and exits 1, which fails the build.
 *
 * <pre>
 * java org.selfrenewal.webstart.DownloadBudget --dir target/jars --budget-bytes 2097152
 * </pre>
 */
public final class DownloadBudget {

    private DownloadBudget() {}

    /** One file of the download and its size; {@code platform} is the platform id, empty for every platform. */
    public record Part(Path file, long bytes, String platform) {

        public Part(Path file, long bytes) {
            this(file, bytes, "");
        }
    }

    /**
     * What {@link #measure} found: the files, the budget, and {@code totalBytes}, the download of the largest
     * platform (every file when there are no platform jars).
     */
    public record Report(List<Part> parts, long totalBytes, long budgetBytes) {
        public Report {
            parts = List.copyOf(parts);
        }

        public boolean withinBudget() {
            return totalBytes <= budgetBytes;
        }

        /** The bytes one platform downloads: the common files and that platform's own, by platform id. */
        public Map<String, Long> perPlatform() {
            long common = parts.stream()
                    .filter(part -> part.platform().isEmpty())
                    .mapToLong(Part::bytes)
                    .sum();
            Map<String, Long> totals = new TreeMap<>();
            for (Part part : parts) {
                if (!part.platform().isEmpty()) {
                    totals.merge(part.platform(), part.bytes(), Long::sum);
                }
            }
            totals.replaceAll((platform, own) -> own + common);
            return totals;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (Part part : parts) {
                text.append(String.format(
                        Locale.ROOT,
                        "  %,12d bytes  %s%s%n",
                        part.bytes(),
                        part.file().getFileName(),
                        part.platform().isEmpty() ? "" : "  (" + part.platform() + " only)"));
            }
            perPlatform()
                    .forEach((platform, bytes) -> text.append(String.format(
                            Locale.ROOT, "  %,12d bytes  first-launch download on %s%n", bytes, platform)));
            text.append(String.format(
                    Locale.ROOT,
                    (perPlatform().isEmpty() ? "" : "largest platform's ")
                            + "first-launch download %,d bytes (%.2f MB), budget %,d bytes (%.2f MB): %s",
                    totalBytes,
                    totalBytes / 1048576.0,
                    budgetBytes,
                    budgetBytes / 1048576.0,
                    withinBudget()
                            ? "within budget"
                            : "OVER BUDGET by " + String.format(Locale.ROOT, "%,d", totalBytes - budgetBytes)
                                    + " bytes"));
            return text.toString();
        }
    }

    /** Every {@code *.jar} and native library ({@code .so .dll .dylib .jnilib}) directly in {@code dir}. */
    public static Report measure(Path dir, long budgetBytes) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("No jar directory: " + dir);
        }
        List<Part> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(file)
                        && (name.endsWith(".jar")
                                || name.endsWith(".so")
                                || name.endsWith(".dll")
                                || name.endsWith(".dylib")
                                || name.endsWith(".jnilib"))) {
                    parts.add(new Part(file, Files.size(file), platformOf(file)));
                }
            }
        }
        if (parts.isEmpty()) {
            throw new IOException("No jar in " + dir + ": nothing was built to measure");
        }
        parts.sort((a, b) -> a.file().getFileName().compareTo(b.file().getFileName()));
        Report all = new Report(
                List.copyOf(parts), parts.stream().mapToLong(Part::bytes).sum(), budgetBytes);
        long largest = all.perPlatform().values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(all.totalBytes());
        return new Report(all.parts(), largest, budgetBytes);
    }

    /** The platform id a jar's manifest names, or empty: a common jar (or a file that is no jar). */
    static String platformOf(Path file) {
        Path name = file.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return "";
        }
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            Manifest manifest = jar.getManifest();
            String platform =
                    manifest == null ? null : manifest.getMainAttributes().getValue(NativePlatform.MANIFEST_ATTRIBUTE);
            return platform == null ? "" : platform.strip();
        } catch (IOException e) {
            return ""; // not a readable jar: counted for every platform
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = null;
        long budget = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--budget-bytes" -> budget = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (dir == null || budget <= 0 || args.length % 2 != 0) {
            System.err.println("usage: DownloadBudget --dir JAR_DIRECTORY --budget-bytes N");
            System.exit(2);
        }
        Report report = measure(dir, budget);
        System.out.println("download-budget: " + report.toString().replace("\n", "\ndownload-budget: "));
        if (!report.withinBudget()) {
            System.err.println("download-budget: the first-launch download is over its budget (issue 10); shrink the"
                    + " client (src/client/proguard.pro) or raise -Dwebstart.downloadBudgetBytes with a reason");
            System.exit(1);
        }
    }
}
