package org.selfrenewal.server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of command-line values made before a command creates or opens anything: a wrong value is reported
 * as a usage error (exit code 2) naming the option, and nothing is left behind.
 */
public final class OptionChecks {

    private final CommandLine commandLine;

    public OptionChecks(CommandSpec spec) {
        this.commandLine = spec.commandLine();
    }

    public ParameterException problem(String message) {
        return new ParameterException(commandLine, message);
    }

    public void port(String option, int port) {
        if (port < 0 || port > 65535) {
            throw problem(option + " must be a TCP port from 1 to 65535 (or 0 for a free one), not " + port);
        }
    }

    /** A directory the command may create: it must not be an existing file. */
    public void creatableDirectory(String option, Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw problem(option + " " + directory + " is a file, not a directory");
        }
        Path parent = directory.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw problem(option + " " + directory + " cannot be created: " + parent + " is a file");
        }
    }

    public void existingDirectory(String option, Path directory) {
        if (!Files.isDirectory(directory)) {
            throw problem(
                    option + " " + directory + (Files.exists(directory) ? " is not a directory" : " does not exist"));
        }
    }

    public void readableFile(String option, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw problem(option + " " + file + (Files.exists(file) ? " is not a readable file" : " does not exist"));
        }
    }

    /** An environment variable named by {@code option} must be set. */
    public String environmentVariable(String option, String name) {
        String value = name == null ? null : System.getenv(name);
        if (value == null) {
            throw problem(option + (name == null ? " is required here" : " names " + name + ", which is not set"));
        }
        return value;
    }

    public void webAddress(String option, URI url) {
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw problem(
                    option + " must be an http(s) address with a host, e.g. https://uim.example.nhs.uk, not " + url);
        }
        if (url.getRawPath() != null
                        && !url.getRawPath().isEmpty()
                        && !url.getRawPath().equals("/")
                || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw problem(option + " is the service's address only (scheme, host, port), not " + url);
        }
    }
}
