package org.selfrenewal.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * Which HSM holds the issuing CAs' keys: the PKCS#11 library, the token (by label), where the user PIN
 * comes from and each issuing CA's key (by CKA_LABEL). Stored by {@code ca import} as
 * {@code hsm-ca.properties} in the CA directory.
 */
public record HsmSettings(Path library, String tokenLabel, PinSource pin, Map<CredentialPurpose, String> keyLabels) {

    static final String LIBRARY = "pkcs11.library";
    static final String TOKEN_LABEL = "pkcs11.tokenLabel";

    public HsmSettings {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(pin, "pin");
        if (tokenLabel == null || tokenLabel.isBlank() || tokenLabel.length() > 32) {
            throw new IllegalArgumentException("A token label has 1 to 32 characters: '" + tokenLabel + "'");
        }
        EnumMap<CredentialPurpose, String> labels = new EnumMap<>(CredentialPurpose.class);
        labels.putAll(keyLabels);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            String label = labels.get(purpose);
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("No key label for the " + purpose.plainName() + " CA");
            }
        }
        keyLabels = Map.copyOf(labels);
        library = library.toAbsolutePath().normalize();
    }

    /** The key label of an issuing CA. */
    public String keyLabel(CredentialPurpose purpose) {
        return keyLabels.get(purpose);
    }

    static String keyLabelKey(CredentialPurpose purpose) {
        return purpose.name().toLowerCase(Locale.ROOT) + ".keyLabel";
    }

    static HsmSettings read(Path file) throws CaStoreException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new CaStoreException("Cannot read the HSM settings " + file + ": " + e.getMessage(), e);
        }
        try {
            String env = properties.getProperty(PinSource.Kind.ENVIRONMENT.key());
            String pinFile = properties.getProperty(PinSource.Kind.FILE.key());
            if ((env == null) == (pinFile == null)) {
                throw new IllegalArgumentException("name exactly one of pin.env and pin.file");
            }
            String library = properties.getProperty(LIBRARY);
            if (library == null) {
                throw new IllegalArgumentException(LIBRARY + " is missing");
            }
            Map<CredentialPurpose, String> labels = new EnumMap<>(CredentialPurpose.class);
            for (CredentialPurpose purpose : CredentialPurpose.values()) {
                String label = properties.getProperty(keyLabelKey(purpose));
                if (label != null) {
                    labels.put(purpose, label);
                }
            }
            return new HsmSettings(
                    Path.of(library),
                    properties.getProperty(TOKEN_LABEL),
                    env != null ? PinSource.environment(env) : PinSource.file(Path.of(pinFile)),
                    labels);
        } catch (IllegalArgumentException e) {
            throw new CaStoreException("The HSM settings " + file + " are not usable: " + e.getMessage(), e);
        }
    }

    byte[] encode() {
        Properties properties = new Properties();
        properties.setProperty(LIBRARY, library.toString());
        properties.setProperty(TOKEN_LABEL, tokenLabel);
        properties.setProperty(pin.kind().key(), pin.name());
        keyLabels.forEach((purpose, label) -> properties.setProperty(keyLabelKey(purpose), label));
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "Issuing CA keys on a PKCS#11 token (written by ca import; the PIN is not here)");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
