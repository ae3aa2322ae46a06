package org.selfrenewal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.TestInfo;

/** A fresh working directory per test under target/test-work, kept for inspection after a failure. */
final class TestDirectories {

    private TestDirectories() {}

    static Path fresh(TestInfo test) throws IOException {
        Path root = Path.of(System.getProperty("selfrenewal.test.dir", "target/test-work"));
        String name = test.getTestClass().map(Class::getSimpleName).orElse("test") + "-"
                + test.getTestMethod().map(m -> m.getName()).orElse("run") + "-" + System.nanoTime();
        return Files.createDirectories(root.resolve(name)).toAbsolutePath();
    }

    /** A fresh directory named after a test class, for a server shared by its tests. */
    static Path fresh(String name) throws IOException {
        Path root = Path.of(System.getProperty("selfrenewal.test.dir", "target/test-work"));
        return Files.createDirectories(root.resolve(name + "-" + System.nanoTime()))
                .toAbsolutePath();
    }
}
