package org.selfrenewal.card;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A test that needs an installed tool (SoftHSM2, OpenSC, the software TPM) skips cleanly without it on a
 * developer's machine; with {@code -Dselfrenewal.requireTools=true} (the test command, CI) it fails
 * instead, so a missing tool never turns into a silently skipped proof.
 */
public final class RequiredTools {

    /** The system property that turns a missing tool into a failure. */
    public static final String PROPERTY = "selfrenewal.requireTools";

    private RequiredTools() {}

    /** Skips (or, with {@value #PROPERTY}=true, fails) the calling test unless {@code present}. */
    public static void need(boolean present, String whatIsMissing) {
        if (Boolean.getBoolean(PROPERTY)) {
            assertTrue(present, whatIsMissing + " (" + PROPERTY + "=true)");
        } else {
            assumeTrue(present, whatIsMissing);
        }
    }
}
