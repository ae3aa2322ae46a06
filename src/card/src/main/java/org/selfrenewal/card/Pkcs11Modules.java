package org.selfrenewal.card;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * One ipkcs11wrapper module per PKCS#11 library per JVM, initialised once and never finalised.
 *
 * <p>SunPKCS11 and ipkcs11wrapper load the same native library into the same process, so they share
 * one Cryptoki instance: whichever calls C_Initialize second gets CKR_CRYPTOKI_ALREADY_INITIALIZED,
 * which both tolerate (SunPKCS11 ignores it; here it is treated as success). Login state is shared
 * too (PKCS#11 login is per application, not per session). C_Finalize is never called, because it
 * would pull the library out from under the other wrapper.
 */
final class Pkcs11Modules {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Modules.class);
    private static final Map<Path, PKCS11Module> MODULES = new HashMap<>();
    private static boolean loggerInstalled;

    private Pkcs11Modules() {}

    static synchronized PKCS11Module get(Path library) throws CardNotFoundException {
        Path key = library.toAbsolutePath().normalize();
        PKCS11Module existing = MODULES.get(key);
        if (existing != null) {
            return existing;
        }
        if (!Files.isRegularFile(key)) {
            throw CardNotFoundException.libraryMissing(key, "smartcard library " + key + " is not installed", null);
        }
        if (!loggerInstalled) {
            StaticLogger.setLogger(new Slf4jPkcs11Logger());
            loggerInstalled = true;
        }
        PKCS11Module module;
        try {
            module = PKCS11Module.getInstance(key.toString());
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw CardNotFoundException.libraryMissing(key, "smartcard library " + key + " could not be loaded", e);
        }
        try {
            module.initialize();
            LOG.debug("C_Initialize done for {}", key);
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw CardNotFoundException.libraryMissing(
                        key, "smartcard library " + key + " failed to start: " + e.getMessage(), e);
            }
            LOG.debug("{} was already initialised in this process (by SunPKCS11); sharing it", key);
        }
        MODULES.put(key, module);
        return module;
    }
}
