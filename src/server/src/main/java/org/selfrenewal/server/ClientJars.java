package org.selfrenewal.server;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.selfrenewal.launch.JarReference;

/**
 * Where {@code serve} finds the signed client jars its JNLP names, so that every jar the JNLP points at
 * answers 200: the {@code --jar-dir} given, else a {@code jars/} folder beside the server jar (a
 * distribution), else the build's own {@code src/webstart/target/jars} (the server jar in
 * {@code src/server/target}). A directory counts only if it holds every jar the JNLP names.
 */
public final class ClientJars {

    /** The jar folder in a distribution, beside the server jar. */
    public static final String DISTRIBUTION_FOLDER = "jars";

    private ClientJars() {}

    /** The places looked in when no {@code --jar-dir} is given, for a server run from {@code codeLocation}. */
    public static List<Path> defaultCandidates(Path codeLocation) {
        Path base = codeLocation.toAbsolutePath().normalize().getParent();
        if (base == null) {
            return List.of();
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(base.resolve(DISTRIBUTION_FOLDER));
        Path parent = base.getParent();
        Path modules = parent == null ? null : parent.getParent();
        if (modules != null) {
            candidates.add(modules.resolve("webstart").resolve("target").resolve("jars"));
        }
        return candidates;
    }

    /** The places looked in for this server's own code (its jar, or its classes directory). */
    public static List<Path> defaultCandidates() {
        CodeSource code = ClientJars.class.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return List.of();
        }
        try {
            return defaultCandidates(Path.of(code.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return List.of();
        }
    }

    /** The first candidate holding every jar of {@code jars}. */
    public static Optional<Path> find(List<Path> candidates, List<JarReference> jars) {
        return candidates.stream()
                .filter(directory -> missing(directory, jars).isEmpty())
                .findFirst();
    }

    /** The file names of {@code jars} (hrefs {@code jars/<name>}) that {@code directory} lacks. */
    public static List<String> missing(Path directory, List<JarReference> jars) {
        List<String> missing = new ArrayList<>();
        for (JarReference jar : jars) {
            String href = jar.href();
            if (href.contains("://")) {
                continue;
            }
            String name = href.substring(href.lastIndexOf('/') + 1);
            if (!Files.isRegularFile(directory.resolve(name))) {
                missing.add(name);
            }
        }
        return missing;
    }
}
