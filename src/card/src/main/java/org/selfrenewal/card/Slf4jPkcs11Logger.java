package org.selfrenewal.card;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes ipkcs11wrapper's own log output (stdout by default, where results go) to slf4j: for the cards here and
 * the CA's HSM ({@code ca.HsmToken}).
 */
public final class Slf4jPkcs11Logger implements org.xipki.pkcs11.wrapper.Logger {

    private static final Logger LOG = LoggerFactory.getLogger("org.xipki.pkcs11.wrapper");

    @Override
    public void info(String format, Object... args) {
        LOG.debug(format, args); // the library is chatty at INFO (banner, every C_OpenSession)
    }

    @Override
    public void warn(String format, Object... args) {
        LOG.warn(format, args);
    }

    @Override
    public void error(String format, Object... args) {
        LOG.error(format, args);
    }

    @Override
    public void debug(String format, Object... args) {
        LOG.trace(format, args);
    }

    @Override
    public void trace(String format, Object... args) {
        LOG.trace(format, args);
    }

    @Override
    public boolean isDebugEnabled() {
        return LOG.isTraceEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return LOG.isWarnEnabled();
    }

    @Override
    public boolean isTraceEnabled() {
        return LOG.isTraceEnabled();
    }
}
