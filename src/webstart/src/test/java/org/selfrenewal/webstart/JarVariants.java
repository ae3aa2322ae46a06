package org.selfrenewal.webstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Bad copies of the signed client jar, made once per test run under target/it/variants:
 * unsigned, signed by another (untrusted) key, one entry modified after signing, one entry added
 * after signing.
 */
final class JarVariants {

    /** The class whose bytes the tampered variant changes. */
    static final String TAMPERED_ENTRY = "org/selfrenewal/client/ClientMain.class";

    private static JarVariants instance;

    final Path directory;
    final Path unsigned;
    final Path otherKey;
    final Path otherSignerCer;
    final Path tampered;
    final Path entryAdded;

    private JarVariants(Path directory) throws IOException {
        this.directory = directory;
        Path signed = BuildOutput.signedJar();
        String name = BuildOutput.jarName();

        unsigned = Files.createDirectories(directory.resolve("unsigned")).resolve(name);
        stripSignature(signed, unsigned);

        Path otherKeyDir = directory.resolve("other-key");
        if (!Files.exists(otherKeyDir.resolve("dev-codesign.p12"))) {
            Commands.Outcome key = Commands.script("make-dev-key.sh", otherKeyDir.toString());
            assertEquals(0, key.exitCode(), key::toString);
        }
        otherSignerCer = otherKeyDir.resolve("signer.cer");
        Path otherDir = Files.createDirectories(directory.resolve("other-signer"));
        otherKey = otherDir.resolve(name);
        Files.deleteIfExists(otherKey);
        Files.copy(unsigned, otherKey);
        // the whole application signed by the other key: the platform jars too
        for (Path platformJar : BuildOutput.platformJars()) {
            Path copy = otherDir.resolve(platformJar.getFileName());
            Files.deleteIfExists(copy);
            stripSignature(platformJar, copy);
        }
        Commands.Outcome signing = Commands.script(
                "sign-jars.sh",
                "--pkcs12",
                otherKeyDir.resolve("dev-codesign.p12").toString(),
                "--alias",
                "dev-codesign",
                "--storepass-file",
                otherKeyDir.resolve("dev-codesign.pass").toString(),
                otherDir.toString());
        assertEquals(0, signing.exitCode(), signing::toString);

        tampered = Files.createDirectories(directory.resolve("tampered")).resolve(name);
        copy(
                signed,
                tampered,
                (entryName) -> entryName.equals(TAMPERED_ENTRY) ? data -> append(data, (byte) 0) : null,
                null);

        entryAdded = Files.createDirectories(directory.resolve("entry-added")).resolve(name);
        copy(signed, entryAdded, entryName -> null, "org/selfrenewal/client/Added.txt");
    }

    /** The variants, built on first use. */
    static synchronized JarVariants get() {
        if (instance == null) {
            try {
                instance = new JarVariants(BuildOutput.scratch("variants"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** Copies a jar without its signature: signature files and per-entry digests dropped. */
    static void stripSignature(Path from, Path to) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
                OutputStream file = Files.newOutputStream(to)) {
            Manifest manifest;
            try (InputStream m = in.getInputStream(in.getEntry("META-INF/MANIFEST.MF"))) {
                manifest = new Manifest(m);
            }
            manifest.getEntries().values().forEach(a -> a.keySet()
                    .removeIf(k -> k.toString().endsWith("-Digest")));
            manifest.getEntries().values().removeIf(Attributes::isEmpty);
            try (JarOutputStream out = new JarOutputStream(file, manifest)) {
                Enumeration<? extends ZipEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().equals("META-INF/MANIFEST.MF")
                            || WebstartBundle.SIGNATURE_FILE
                                    .matcher(entry.getName())
                                    .matches()) {
                        continue;
                    }
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    /** Copies every entry as it is (signature files included), changing some and optionally adding one. */
    static void copy(Path from, Path to, Function<String, UnaryOperator<byte[]>> change, String added)
            throws IOException {
        boolean changed = false;
        try (ZipFile in = new ZipFile(from.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] data;
                try (InputStream stream = in.getInputStream(entry)) {
                    data = stream.readAllBytes();
                }
                UnaryOperator<byte[]> modification = change.apply(entry.getName());
                if (modification != null) {
                    data = modification.apply(data);
                    changed = true;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
            if (added != null) {
                out.putNextEntry(new ZipEntry(added));
                out.write("added after signing\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
                changed = true;
            }
        }
        if (!changed) {
            throw new IllegalStateException("Nothing was changed in " + to);
        }
    }

    private static byte[] append(byte[] data, byte extra) {
        byte[] longer = Arrays.copyOf(data, data.length + 1);
        longer[data.length] = extra;
        return longer;
    }
}
