package org.selfrenewal.ca;

/**
 * The CA's key store files could not be created or loaded: missing or incomplete files, a wrong
 * password, or keys and certificates that do not belong together.
 */
public class CaStoreException extends CaException {

    private static final long serialVersionUID = 1L;

    public CaStoreException(String message) {
        super(message);
    }

    public CaStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
