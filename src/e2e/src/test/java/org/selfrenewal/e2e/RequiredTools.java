package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A test that needs an installed tool (SoftHSM2, javaws, PostgreSQL) skips cleanly without it on a
 * developer's machine; with {@code -Dselfrenewal.requireTools=true} (the test command, CI) it fails instead,
 * so a missing tool can never turn into a silently skipped proof.
 */
final class RequiredTools {

    private RequiredTools() {}

    static void need(boolean present, String whatIsMissing) {
        if (Boolean.getBoolean("selfrenewal.requireTools")) {
            assertTrue(present, whatIsMissing);
        } else {
            assumeTrue(present, whatIsMissing);
        }
    }
}
