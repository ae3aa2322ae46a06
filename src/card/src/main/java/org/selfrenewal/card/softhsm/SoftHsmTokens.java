package org.selfrenewal.card.softhsm;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.CardOperationException;
import org.selfrenewal.card.TokenInitializer;
import org.selfrenewal.card.TokenLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual cards (SoftHSM2 tokens) kept in one directory: {@code softhsm2.conf} plus a {@code tokens}
 * directory. Used by the RA command, the demo and tests.
 *
 * <p>SoftHSM2 reads {@code SOFTHSM2_CONF} once, when a process first initialises it, and does not
 * notice tokens that other processes create afterwards (measured: the slot list stays the same and
 * the new slot id gives CKR_SLOT_ID_INVALID). So:
 * <ul>
 *   <li>If this process's {@code SOFTHSM2_CONF} is this directory's config file
 *       ({@link #isVisibleToThisProcess()}), tokens are initialised inside this process
 *       (C_InitToken on SoftHSM2's blank slot), so this process and later ones can open them.</li>
 *   <li>Otherwise {@code softhsm2-util} creates the token in a subprocess; it can then be opened by
 *       processes started with {@link #environment()}, but not by this one.</li>
 * </ul>
 * Either way the token is returned as a {@link TokenLocation} by label, which stays valid across
 * processes (slot ids of tokens created in-process change in the next process).
 */
public final class SoftHsmTokens {

    /** The environment variable SoftHSM2 reads its configuration file from. */
    public static final String CONF_ENV = "SOFTHSM2_CONF";

    private static final Logger LOG = LoggerFactory.getLogger(SoftHsmTokens.class);
    private static final Pattern SLOT_ID = Pattern.compile("reassigned to slot (\\d+)");
    private static final Pattern TOKENDIR_LINE = Pattern.compile("^\\s*directories\\.tokendir\\s*=\\s*(.+?)\\s*$");
    private static final Pattern LABEL_LINE = Pattern.compile("^\\s*Label:\\s*(.*?)\\s*$", Pattern.MULTILINE);

    private final Path configFile;
    private final Path tokenDirectory;
    private final Path library;
    private final String softhsmUtil;

    SoftHsmTokens(Path directory, Path library, String softhsmUtil) {
        this(
                directory.toAbsolutePath().normalize().resolve("softhsm2.conf"),
                directory.toAbsolutePath().normalize().resolve("tokens"),
                library,
                softhsmUtil);
    }

    private SoftHsmTokens(Path configFile, Path tokenDirectory, Path library, String softhsmUtil) {
        this.configFile = configFile.toAbsolutePath().normalize();
        this.tokenDirectory = tokenDirectory.toAbsolutePath().normalize();
        this.library = Objects.requireNonNull(library);
        this.softhsmUtil = Objects.requireNonNull(softhsmUtil);
    }

    /**
     * Virtual cards described by an existing or new config file of any name: its
     * {@code directories.tokendir} if the file exists and names one, else {@code tokens/} next to it.
     */
    public static SoftHsmTokens forConfigFile(Path configFile) throws IOException {
        Path conf = configFile.toAbsolutePath().normalize();
        Path tokens = directoryOf(conf).resolve("tokens");
        if (Files.exists(conf)) {
            for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
                Matcher m = TOKENDIR_LINE.matcher(line);
                if (m.matches()) {
                    tokens = Path.of(m.group(1));
                }
            }
        }
        return new SoftHsmTokens(conf, tokens, TokenLocation.SOFTHSM2_LIBRARY, "softhsm2-util");
    }

    /** The virtual cards of this process's {@code SOFTHSM2_CONF}, if it is set. */
    public static Optional<SoftHsmTokens> fromEnvironment() throws IOException {
        String env = System.getenv(CONF_ENV);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(forConfigFile(Path.of(env)));
    }

    /** Virtual cards in {@code directory} ({@code softhsm2.conf} and {@code tokens/}), using the default library. */
    public static SoftHsmTokens inDirectory(Path directory) {
        return new SoftHsmTokens(directory, TokenLocation.SOFTHSM2_LIBRARY, "softhsm2-util");
    }

    /** Same, with another SoftHSM2 library path. */
    public static SoftHsmTokens inDirectory(Path directory, Path library) {
        return new SoftHsmTokens(directory, library, "softhsm2-util");
    }

    /** True when the SoftHSM2 library is installed at the default path. */
    public static boolean isInstalled() {
        return Files.isRegularFile(TokenLocation.SOFTHSM2_LIBRARY);
    }

    public Path configFile() {
        return configFile;
    }

    public Path tokenDirectory() {
        return tokenDirectory;
    }

    public Path library() {
        return library;
    }

    /** The environment a subprocess needs to see these tokens: {@code SOFTHSM2_CONF=<config file>}. */
    public Map<String, String> environment() {
        return Map.of(CONF_ENV, configFile.toString());
    }

    /** True when this process reads its SoftHSM2 configuration from this directory's config file. */
    public boolean isVisibleToThisProcess() {
        String env = System.getenv(CONF_ENV);
        if (env == null || env.isBlank()) {
            return false;
        }
        Path fromEnv = Path.of(env).toAbsolutePath().normalize();
        try {
            return fromEnv.equals(configFile)
                    || (Files.exists(fromEnv) && Files.exists(configFile) && Files.isSameFile(fromEnv, configFile));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails with a clear message unless this process can open tokens in this directory, i.e. it was
     * started with {@code SOFTHSM2_CONF} set to {@link #configFile()} (SoftHSM2 cannot be re-pointed
     * once a process has started using it).
     */
    public void requireVisibleToThisProcess() throws CardException {
        if (!isVisibleToThisProcess()) {
            throw new CardOperationException("Virtual cards in " + configFile.getParent() + " can only be used by a"
                    + " program started with " + CONF_ENV + "=" + configFile + " (this one has "
                    + CONF_ENV + "=" + System.getenv(CONF_ENV) + "). Restart it with that setting.");
        }
    }

    /**
     * Creates the token directory and writes {@code softhsm2.conf} (file backend, log level ERROR) if
     * it is missing. An existing config file is left alone.
     */
    public void ensureConfigured() throws IOException {
        Files.createDirectories(tokenDirectory);
        if (!Files.exists(configFile)) {
            String conf = "# SoftHSM2 configuration for self-renewal virtual cards\n"
                    + "directories.tokendir = " + tokenDirectory + "\n"
                    + "objectstore.backend = file\n"
                    + "log.level = ERROR\n"
                    + "slots.removable = false\n";
            Files.createDirectories(directoryOf(configFile));
            Path tmp = Files.createTempFile(directoryOf(configFile), "softhsm2", ".conf.tmp");
            Files.writeString(tmp, conf, StandardCharsets.UTF_8);
            Files.move(tmp, configFile, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Wrote {}", configFile);
        }
    }

    /**
     * Creates and initialises a new token (virtual card) with the given label, security-officer PIN
     * and user passcode. The caller wipes the PIN arrays afterwards.
     *
     * @return the token's location, by label
     */
    public TokenLocation createToken(String label, char[] soPin, char[] userPin) throws CardException {
        TokenLocation location = TokenLocation.byLabel(library, label); // validates the label
        if (!Files.isRegularFile(library)) {
            throw new SoftHsmNotInstalledException("the SoftHSM2 library " + library, null);
        }
        try {
            ensureConfigured();
        } catch (IOException e) {
            throw new CardOperationException(
                    "The virtual card directory " + configFile.getParent() + " could not be prepared: "
                            + e.getMessage(),
                    e);
        }
        if (isVisibleToThisProcess()) {
            long slot = TokenInitializer.initialiseBlankToken(library, label, soPin, userPin);
            LOG.info("Created virtual card '{}' in this process (slot {} for now)", label, slot);
        } else {
            createWithSofthsmUtil(label, soPin, userPin);
        }
        return location;
    }

    /**
     * Creates the token with {@code softhsm2-util} in a subprocess. Not visible to this process if it
     * has already initialised SoftHSM2.
     */
    void createWithSofthsmUtil(String label, char[] soPin, char[] userPin) throws CardException {
        if (listLabels().contains(label)) {
            throw new CardOperationException(
                    "A card labelled '" + label + "' already exists. Choose another" + " label.");
        }
        String output = runUtil(List.of(
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                new String(soPin),
                "--pin",
                new String(userPin)));
        Matcher m = SLOT_ID.matcher(output);
        LOG.info(
                "Created virtual card '{}' with softhsm2-util (slot {}); visible to processes started with {}={}",
                label,
                m.find() ? m.group(1) : "?",
                CONF_ENV,
                configFile);
    }

    /** Labels of the initialised tokens, as {@code softhsm2-util --show-slots} reports them. */
    public List<String> listLabels() throws CardException {
        String output = runUtil(List.of("--show-slots"));
        List<String> labels = new ArrayList<>();
        Matcher m = LABEL_LINE.matcher(output);
        while (m.find()) {
            if (!m.group(1).isEmpty()) {
                labels.add(m.group(1));
            }
        }
        return labels;
    }

    /** The directory holding {@code file}: every file path has one (only a root has none). */
    private static Path directoryOf(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null) {
            throw new IllegalArgumentException("not a file: " + file);
        }
        return directory;
    }

    @SuppressFBWarnings(
            value = "COMMAND_INJECTION",
            justification = "softhsm2-util run with an argument list, no shell: a label or PIN is one argument")
    private String runUtil(List<String> arguments) throws CardException {
        List<String> command = new ArrayList<>();
        command.add(softhsmUtil);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(CONF_ENV, configFile.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SoftHsmNotInstalledException(softhsmUtil, e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CardOperationException(softhsmUtil + " did not finish within 30 seconds.");
            }
            if (process.exitValue() != 0) {
                throw new CardOperationException(softhsmUtil + " " + arguments.get(0) + " failed (exit "
                        + process.exitValue() + "): " + output.trim());
            }
            return output;
        } catch (IOException e) {
            throw new CardOperationException(softhsmUtil + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new CardOperationException(softhsmUtil + " was interrupted.", e);
        }
    }
}
