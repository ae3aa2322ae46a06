package org.selfrenewal.webstart;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Build check (run by Maven after signing): the first-launch download, i.e. the bytes of every jar the
 * launch site serves from the jar directory (every jar its JNLP names) and of any native library served beside
 * them, must stay within a budget. Over budget, it prints each file's size and exits 1, which fails the build.
 *
 * <pre>
 * java org.selfrenewal.webstart.DownloadBudget --dir target/jars --budget-bytes 2097152
 * </pre>
 */
public final class DownloadBudget {

    private DownloadBudget() {}

    /** One file of the download and its size. */
    public record Part(Path file, long bytes) {}

    /** What {@link #measure} found: the files, their total and the budget. */
    public record Report(List<Part> parts, long totalBytes, long budgetBytes) {
        public Report {
            parts = List.copyOf(parts);
        }

        public boolean withinBudget() {
            return totalBytes <= budgetBytes;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (Part part : parts) {
                text.append(String.format(
                        Locale.ROOT,
                        "  %,12d bytes  %s%n",
                        part.bytes(),
                        part.file().getFileName()));
            }
            text.append(String.format(
                    Locale.ROOT,
                    "first-launch download %,d bytes (%.2f MB), budget %,d bytes (%.2f MB): %s",
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
                    parts.add(new Part(file, Files.size(file)));
                }
            }
        }
        if (parts.isEmpty()) {
            throw new IOException("No jar in " + dir + ": nothing was built to measure");
        }
        parts.sort((a, b) -> a.file().getFileName().compareTo(b.file().getFileName()));
        long total = parts.stream().mapToLong(Part::bytes).sum();
        return new Report(List.copyOf(parts), total, budgetBytes);
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
