package org.selfrenewal.webstart;

import java.util.Optional;

/**
 * The operating systems and architectures ipkcs11wrapper ships a native library for ({@code natives/...} in its
 * jar), each moved by {@link WebstartBundle} into a jar of its own that the JNLP names in
 * {@code <resources os="..." arch="...">}, so a launch downloads only its own platform's library (issue 10).
 * The {@code os} and {@code arch} values are what the JNLP client matches, as prefixes, against the JVM's
 * {@code os.name} and {@code os.arch}; no value of one platform is a prefix of another's on the same OS.
 */
public enum NativePlatform {
    LINUX_X86_64("linux-x86_64", "natives/unix/linux-x86_64/", "Linux", "amd64 x86_64"),
    LINUX_X86("linux-x86", "natives/unix/linux-x86/", "Linux", "i386 i486 i586 i686"),
    LINUX_AARCH64("linux-aarch64", "natives/unix/linux-aarch64/", "Linux", "aarch64"),
    LINUX_ARM("linux-arm", "natives/unix/linux-arm/", "Linux", "arm"),
    MACOS("macos", "natives/unix/macosx_universal/", "Mac OS X", ""),
    WINDOWS_X86_64("windows-x86_64", "natives/windows/win-x86_64/", "Windows", "amd64 x86_64"),
    WINDOWS_X86("windows-x86", "natives/windows/win-x86/", "Windows", "x86");

    /** The manifest attribute naming a natives jar's platform ({@link #id()}); the main jar has none. */
    public static final String MANIFEST_ATTRIBUTE = "Native-Platform";

    private final String id;
    private final String folder;
    private final String os;
    private final String arch;

    NativePlatform(String id, String folder, String os, String arch) {
        this.id = id;
        this.folder = folder;
        this.os = os;
        this.arch = arch;
    }

    /** Short name used in jar names and reports, e.g. {@code linux-x86_64}. */
    public String id() {
        return id;
    }

    /** The folder of this platform's library inside ipkcs11wrapper's jar. */
    public String folder() {
        return folder;
    }

    /** The JNLP {@code os} attribute. */
    public String os() {
        return os;
    }

    /** The JNLP {@code arch} attribute; empty for every architecture (macOS: one universal library). */
    public String arch() {
        return arch;
    }

    /** The platform whose folder holds {@code entry}, if any. */
    public static Optional<NativePlatform> of(String entry) {
        for (NativePlatform platform : values()) {
            if (entry.startsWith(platform.folder)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }

    /** The platform with this {@link #id()}. */
    public static Optional<NativePlatform> byId(String id) {
        for (NativePlatform platform : values()) {
            if (platform.id().equals(id)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }
}
