package org.selfrenewal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the JNLP entry point does with the arguments OpenWebStart passes. */
class WebStartLaunchTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void captureErrors() {
        originalErr = System.err;
        originalOut = System.out;
        System.setProperty(WebStartLaunch.CONSOLE_PROPERTY, "true");
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
        System.clearProperty(WebStartLaunch.CONSOLE_PROPERTY);
        System.clearProperty(WebStartLaunch.PKCS11_LIBRARY_PROPERTY);
        System.clearProperty(WebStartLaunch.TOKEN_PROPERTY);
    }

    @Test
    void aMissingCardLibraryFromTheJnlpIsNamedToTheCardHolder() {
        System.setProperty(WebStartLaunch.PKCS11_LIBRARY_PROPERTY, "/opt/vendor/no-such-pkcs11.so");
        System.setProperty(WebStartLaunch.TOKEN_PROPERTY, "index=0");

        int exit = WebStartLaunch.run(new String[] {"https://uim.example.nhs.uk", "operation=selfRenewSmartcard"});

        assertEquals(ClientMain.CARD_PROBLEM, exit);
        String shown = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertTrue(
                shown.contains("The smartcard software on this computer could not be found "
                        + "(/opt/vendor/no-such-pkcs11.so)"),
                shown);
    }

    @Test
    void aJnlpNamingNoCardLibraryForThisSystemSaysSoBeforeTheCardIsTouched() {
        System.setProperty(WebStartLaunch.PKCS11_LIBRARY_PROPERTY, "");

        int exit = WebStartLaunch.run(new String[] {"https://uim.example.nhs.uk", "operation=selfRenewSmartcard"});

        assertEquals(ClientMain.CARD_PROBLEM, exit);
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .contains("has not said which smartcard software this computer uses"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownOperation_isAClearRefusal() {
        int exit = WebStartLaunch.run(new String[] {"https://uim.example.nhs.uk", "operation=changePasscode"});
        assertEquals(2, exit);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("“changePasscode”, which this application does not offer"), message);
        assertTrue(message.contains("operation=selfRenewSmartcard"), message);
    }

    @Test
    void missingArguments_sayWhatToDo() {
        assertEquals(1, WebStartLaunch.run(new String[] {"https://uim.example.nhs.uk"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Open the renewal link again"));
    }

    @Test
    void invalidServerAddress_isExplained() {
        assertEquals(1, WebStartLaunch.run(new String[] {"not a url", "operation=selfRenewSmartcard"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("address given to this application is not valid"));
    }

    @Test
    void plainHttpToAnotherMachine_isRefusedBeforeTheCardIsTouched() {
        assertEquals(1, WebStartLaunch.run(new String[] {"http://uim.example.nhs.uk", "operation=selfRenewSmartcard"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not secure (it must start with https://)"));
    }
}
