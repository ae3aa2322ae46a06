package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips a test whose external tool (chromium, npm) is missing - unless the build runs with
 * {@code -Dlaunch.requireTools=true} (CI), where a missing tool fails the test instead.
 */
final class RequiredTool {

    private RequiredTool() {}

    static void require(boolean present, String whatIsMissing) {
        if (Boolean.getBoolean("launch.requireTools")) {
            if (!present) {
                fail(whatIsMissing + " (launch.requireTools=true)");
            }
        } else {
            assumeTrue(present, whatIsMissing);
        }
    }
}
