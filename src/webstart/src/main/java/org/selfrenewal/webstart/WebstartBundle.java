package org.selfrenewal.webstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step (run by Maven in the {@code package} phase, before signing): turns the client's shaded
 * jar into the jar OpenWebStart downloads.
 *
 * <ul>
 *   <li>copies every entry of the shaded jar, refusing one that already carries a signature;</li>
 *   <li>adds the Web Start manifest attributes: {@code Permissions: all-permissions} (IcedTea-Web /
 *       OpenWebStart refuse an all-permissions application without it), {@code Codebase},
 *       {@code Application-Name}, {@code Entry-Point} (the only class that may be launched) and
 *       {@code Trusted-Only: true};</li>
 *   <li>adds {@value SignedTemplate#ENTRY} rendered from the launch site's JNLP template.</li>
 * </ul>
 *
 * <pre>
 * java org.selfrenewal.webstart.WebstartBundle --client-jar selfrenewal-client.jar --template jnlp/selfrenewal.jnlp.template
 *      --out-dir target/jars --jar-name selfrenewal-client-0.1.0.jar [--main-class C] [--operation OP]
 *      [--jar-href HREF|*] [--manifest-codebase *] [--application-name NAME] [--template-copy FILE]
 *      [--natives-jar-name selfrenewal-natives-{platform}-0.1.0.jar]
 * </pre>
 * With {@code --natives-jar-name}, ipkcs11wrapper's native libraries go into one jar per platform
 * ({@link NativePlatform}), named in the template's {@code <resources os=... arch=...>}.
 * The output directory's old {@code *.jar} and {@code signer.cer} are removed first.
 */
public final class WebstartBundle {

    /** The client's main class, pinned in the template and the manifest. */
    public static final String DEFAULT_MAIN_CLASS = "org.selfrenewal.client.WebStartLaunch";
    /** The operation the renewal page starts, pinned as {@code operation=...}. */
    public static final String DEFAULT_OPERATION = "selfRenewSmartcard";
    /** Shown by OpenWebStart in its dialogs. */
    /** Where the client looks for the CA certificates it trusts for the server's HTTPS (see TrustAnchors). */
    public static final String TRUST_ANCHORS_ENTRY = "org/selfrenewal/client/trust-anchors.pem";
    /** Where the client looks for the hosts of the only renewal services it may talk to (one per line). */
    public static final String ALLOWED_HOSTS_ENTRY = "org/selfrenewal/client/allowed-hosts.txt";

    public static final String DEFAULT_APPLICATION_NAME = "NHS smartcard self-renewal";

    /** Signature files, per the JAR specification (plus SIG-*). */
    static final Pattern SIGNATURE_FILE =
            Pattern.compile("META-INF/([^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]*)", Pattern.CASE_INSENSITIVE);

    private WebstartBundle() {}

    /** Command-line entry point used by the build. */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        Path clientJar = Path.of(required(options, "--client-jar"));
        Path template = Path.of(required(options, "--template"));
        Path outDir = Path.of(required(options, "--out-dir"));
        String jarName = required(options, "--jar-name");
        String mainClass = options.getOrDefault("--main-class", DEFAULT_MAIN_CLASS);
        String operation = options.getOrDefault("--operation", DEFAULT_OPERATION);
        String jarHref = options.getOrDefault("--jar-href", SignedTemplate.WILDCARD);
        String manifestCodebase = options.getOrDefault("--manifest-codebase", SignedTemplate.WILDCARD);
        String applicationName = options.getOrDefault("--application-name", DEFAULT_APPLICATION_NAME);
        String trustAnchors = options.getOrDefault("--trust-anchors", "none");
        String allowedHosts = options.getOrDefault("--allowed-hosts", "none");
        String nativesJarName = options.get("--natives-jar-name");

        long start = System.nanoTime();
        List<SignedTemplate.PlatformJar> platformJars = new ArrayList<>();
        if (nativesJarName != null) {
            for (NativePlatform platform : platformsIn(clientJar)) {
                platformJars.add(new SignedTemplate.PlatformJar(platform.os(), platform.arch(), jarHref));
            }
        }
        String templateText = SignedTemplate.render(
                Files.readString(template, StandardCharsets.UTF_8),
                SignedTemplate.Values.template(mainClass, List.of(jarHref), platformJars, operation));
        Map<String, byte[]> deployment = new LinkedHashMap<>();
        if (!trustAnchors.equals("none")) {
            deployment.put(TRUST_ANCHORS_ENTRY, Files.readAllBytes(Path.of(trustAnchors)));
        }
        if (!allowedHosts.equals("none")) {
            deployment.put(ALLOWED_HOSTS_ENTRY, allowedHostsFile(allowedHosts));
        }
        Path out = build(
                clientJar,
                outDir,
                jarName,
                templateText,
                webStartAttributes(mainClass, manifestCodebase, applicationName),
                deployment,
                nativesJarName);
        if (options.containsKey("--template-copy")) {
            Path copy = Path.of(options.get("--template-copy"));
            Path directory = copy.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            Files.writeString(copy, templateText, StandardCharsets.UTF_8);
        }
        System.out.printf(
                "webstart: wrote %s (%d bytes) with %s and %d platform jar(s) in %d ms%n",
                out,
                Files.size(out),
                SignedTemplate.ENTRY,
                platformJars.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The platforms whose native library {@code clientJar} holds, in {@link NativePlatform} order. */
    public static List<NativePlatform> platformsIn(Path clientJar) throws IOException {
        EnumSet<NativePlatform> found = EnumSet.noneOf(NativePlatform.class);
        try (ZipFile in = new ZipFile(clientJar.toFile())) {
            in.stream().forEach(entry -> NativePlatform.of(entry.getName()).ifPresent(found::add));
        }
        return List.copyOf(found);
    }

    /** The file name of one platform's jar: {@code pattern} with {@code {platform}} replaced by its id. */
    public static String nativesJarName(String pattern, NativePlatform platform) {
        return pattern.replace("{platform}", platform.id());
    }

    /** The manifest attributes OpenWebStart / IcedTea-Web check on a signed all-permissions application. */
    public static Map<String, String> webStartAttributes(String mainClass, String codebase, String applicationName) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Permissions", "all-permissions");
        attributes.put("Codebase", codebase);
        attributes.put("Application-Name", applicationName);
        attributes.put("Entry-Point", mainClass);
        attributes.put("Trusted-Only", "true");
        return attributes;
    }

    /**
     * Writes {@code outDir/jarName}: the client jar's entries, the manifest with {@code extraAttributes}
     * and the signed-template entry, with Main-Class set to the JNLP's entry point. Refuses a client jar
     * that is signed or that lacks the entry point class.
     */
    public static Path build(
            Path clientJar, Path outDir, String jarName, String templateText, Map<String, String> extraAttributes)
            throws IOException {
        return build(clientJar, outDir, jarName, templateText, extraAttributes, Map.<String, byte[]>of());
    }

    /**
     * As {@link #build(Path, Path, String, String, Map)}, also shipping {@code trustAnchorsPem} (the CA
     * certificates of the deployment's HTTPS server) inside the jar at {@value #TRUST_ANCHORS_ENTRY}, where the
     * client looks for them; the signature then covers them too. Null ships none.
     */
    public static Path build(
            Path clientJar,
            Path outDir,
            String jarName,
            String templateText,
            Map<String, String> extraAttributes,
            byte[] trustAnchorsPem)
            throws IOException {
        return build(
                clientJar,
                outDir,
                jarName,
                templateText,
                extraAttributes,
                trustAnchorsPem == null ? Map.of() : Map.of(TRUST_ANCHORS_ENTRY, trustAnchorsPem));
    }

    /** {@code hosts} ("a.example,b.example") as the client reads them: one host per line. */
    public static byte[] allowedHostsFile(String hosts) {
        StringBuilder lines = new StringBuilder();
        for (String host : hosts.split(",")) {
            if (!host.isBlank()) {
                lines.append(host.strip()).append('\n');
            }
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * As {@link #build(Path, Path, String, String, Map)}, also adding what the deployment ships inside the
     * signed jar ({@link #TRUST_ANCHORS_ENTRY}: its HTTPS server's CA; {@link #ALLOWED_HOSTS_ENTRY}: the only
     * service hosts the client may use), covered by the signature like everything else.
     */
    public static Path build(
            Path clientJar,
            Path outDir,
            String jarName,
            String templateText,
            Map<String, String> extraAttributes,
            Map<String, byte[]> deploymentEntries)
            throws IOException {
        return build(clientJar, outDir, jarName, templateText, extraAttributes, deploymentEntries, null);
    }

    /**
     * As {@link #build(Path, Path, String, String, Map, Map)}; with {@code nativesJarName} (a file name holding
     * {@code {platform}}), the native libraries under {@code natives/} leave the main jar: each platform's go
     * into a jar of their own in {@code outDir}, named by the pattern, with the same Web Start attributes (no entry
     * point) and {@value NativePlatform#MANIFEST_ATTRIBUTE}. Null keeps them in the main jar.
     */
    public static Path build(
            Path clientJar,
            Path outDir,
            String jarName,
            String templateText,
            Map<String, String> extraAttributes,
            Map<String, byte[]> deploymentEntries,
            String nativesJarName)
            throws IOException {
        if (!Files.isRegularFile(clientJar)) {
            throw new IOException("Client jar not found: " + clientJar
                    + " (build the client module first: mvn -pl src/webstart -am verify)");
        }
        Files.createDirectories(outDir);
        clean(outDir);
        Path target = outDir.resolve(jarName);
        Path partial = outDir.resolve(jarName + ".part");
        Map<NativePlatform, Map<String, byte[]>> natives = new EnumMap<>(NativePlatform.class);
        try (ZipFile in = new ZipFile(clientJar.toFile())) {
            Manifest manifest = readManifest(in, clientJar);
            String entryPoint = extraAttributes.get("Entry-Point");
            if (entryPoint != null) {
                if (in.getEntry(entryPoint.replace('.', '/') + ".class") == null) {
                    throw new IOException("The JNLP names " + entryPoint + ", which the client jar does not contain");
                }
                // The Web Start jar is launched only through the JNLP: its Main-Class is the JNLP's entry point.
                manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, entryPoint);
            }
            extraAttributes.forEach(
                    (name, value) -> manifest.getMainAttributes().putValue(name, value));
            List<String> signatureFiles = new ArrayList<>();
            try (OutputStream file = Files.newOutputStream(partial);
                    JarOutputStream jar = new JarOutputStream(file, manifest)) {
                jar.setLevel(Deflater.BEST_COMPRESSION); // the download is what the card holder waits for
                Enumeration<? extends ZipEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    if (SIGNATURE_FILE.matcher(name).matches()) {
                        signatureFiles.add(name);
                        continue;
                    }
                    if (deploymentEntries.containsKey(name)) {
                        throw new IOException("Client jar already contains " + name);
                    }
                    if (name.equalsIgnoreCase(SignedTemplate.ENTRY)
                            || name.equalsIgnoreCase("JNLP-INF/APPLICATION.JNLP")) {
                        throw new IOException("Client jar already contains " + name);
                    }
                    if (nativesJarName != null && name.startsWith("natives/")) {
                        if (!entry.isDirectory()) {
                            NativePlatform platform = NativePlatform.of(name)
                                    .orElseThrow(() -> new IOException("A native library for a platform the JNLP"
                                            + " does not know (NativePlatform): " + name));
                            try (InputStream data = in.getInputStream(entry)) {
                                natives.computeIfAbsent(platform, p -> new LinkedHashMap<>())
                                        .put(name, data.readAllBytes());
                            }
                        }
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(name);
                    copy.setTime(entry.getTime());
                    jar.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(jar);
                    }
                    jar.closeEntry();
                }
                if (!signatureFiles.isEmpty()) {
                    throw new IOException("Client jar carries signature files " + signatureFiles
                            + ": the shade step must drop them (a jar is signed once, by us)");
                }
                for (Map.Entry<String, byte[]> added : deploymentEntries.entrySet()) {
                    jar.putNextEntry(new ZipEntry(added.getKey()));
                    jar.write(added.getValue());
                    jar.closeEntry();
                }
                jar.putNextEntry(new ZipEntry("JNLP-INF/"));
                jar.closeEntry();
                jar.putNextEntry(new ZipEntry(SignedTemplate.ENTRY));
                jar.write(templateText.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (Map.Entry<NativePlatform, Map<String, byte[]>> platform : natives.entrySet()) {
            writeNativesJar(
                    outDir.resolve(nativesJarName(nativesJarName, platform.getKey())),
                    platform.getKey(),
                    platform.getValue(),
                    extraAttributes);
        }
        return target;
    }

    private static void writeNativesJar(
            Path target, NativePlatform platform, Map<String, byte[]> entries, Map<String, String> webStartAttributes)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        webStartAttributes.forEach((name, value) -> {
            if (!name.equals("Entry-Point")) {
                manifest.getMainAttributes().putValue(name, value);
            }
        });
        manifest.getMainAttributes().putValue(NativePlatform.MANIFEST_ATTRIBUTE, platform.id());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream file = Files.newOutputStream(partial);
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Manifest readManifest(ZipFile jar, Path name) throws IOException {
        ZipEntry entry = jar.getEntry("META-INF/MANIFEST.MF");
        if (entry == null) {
            throw new IOException("No manifest in " + name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            Manifest manifest = new Manifest(in);
            // Digests in per-entry sections belong to an earlier signature: never carry them over.
            manifest.getEntries().values().forEach(section -> section.keySet()
                    .removeIf(key -> key.toString().toUpperCase(Locale.ROOT).endsWith("-DIGEST")));
            manifest.getEntries().values().removeIf(Attributes::isEmpty);
            return manifest;
        }
    }

    private static void clean(Path outDir) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(outDir, "{*.jar,*.part,signer.cer}")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --option value pairs, got: " + String.join(" ", args));
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + name);
        }
        return value;
    }
}
