package org.selfrenewal.client.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.selfrenewal.card.KeyLabels;
import org.selfrenewal.client.RenewalStep;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.SignedMessages;

/**
 * The journal file's form: strict JSON, every field checked against what this application itself writes. The
 * file is input like any other (another program, a disk error or an attacker may have written it): whatever
 * does not fit is refused with a reason that never repeats the file's content.
 */
public final class JournalFormat {

    /** The largest journal file read; ours are under 2 KiB. */
    public static final int MAX_BYTES = 16 * 1024;

    static final int VERSION = 1;
    private static final Pattern RENEWAL_ID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern CHALLENGE = Pattern.compile("^[A-Za-z0-9_-]{16,128}$");
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern KEY_ID = Pattern.compile("^[0-9a-f]{2,64}$");
    private static final Pattern PRINTABLE = Pattern.compile("^[\\p{Print}&&[^\\p{Cntrl}]]*$");
    /**
     * jackson-core's streaming parser with the strict rules of the server's reader (duplicate keys, deep nesting,
     * long values refused); unknown fields, trailing content, nulls for true/false and values of the wrong type are
     * refused field by field below (issue 10: the client carries no jackson-databind).
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxStringLength(MAX_BYTES)
                    .maxNumberLength(20)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A journal file that cannot be used; the message says why without quoting it. */
    public static final class UnreadableJournalException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableJournalException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The form on disk: plain values only, checked one by one before anything is believed. */
    record Stored(
            int version,
            String service,
            String renewalId,
            String challenge,
            String cardLabel,
            String cardSerial,
            String oldAuthentication,
            String oldSigning,
            List<StoredKey> newKeys,
            String step,
            boolean confirmationSent,
            boolean confirmed,
            String updatedAt) {}

    record StoredKey(String purpose, String id, String label) {}

    private JournalFormat() {}

    public static byte[] write(JournalEntry entry) {
        List<StoredKey> keys = entry.newKeys().stream()
                .map(k -> new StoredKey(k.purpose().name(), k.id(), k.label()))
                .toList();
        Stored stored = new Stored(
                VERSION,
                entry.service(),
                entry.renewalId(),
                entry.challenge(),
                entry.cardLabel(),
                entry.cardSerial(),
                entry.oldAuthentication(),
                entry.oldSigning(),
                keys,
                entry.step().name(),
                entry.confirmationSent(),
                entry.confirmed(),
                entry.updatedAt().toString());
        try {
            return toJson(stored);
        } catch (IOException e) {
            throw new IllegalStateException("a journal entry can always be written", e);
        }
    }

    private static byte[] toJson(Stored stored) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            out.writeNumberField("version", stored.version());
            text(out, "service", stored.service());
            text(out, "renewalId", stored.renewalId());
            text(out, "challenge", stored.challenge());
            text(out, "cardLabel", stored.cardLabel());
            text(out, "cardSerial", stored.cardSerial());
            text(out, "oldAuthentication", stored.oldAuthentication());
            text(out, "oldSigning", stored.oldSigning());
            out.writeArrayFieldStart("newKeys");
            for (StoredKey key : stored.newKeys()) {
                out.writeStartObject();
                text(out, "purpose", key.purpose());
                text(out, "id", key.id());
                text(out, "label", key.label());
                out.writeEndObject();
            }
            out.writeEndArray();
            text(out, "step", stored.step());
            out.writeBooleanField("confirmationSent", stored.confirmationSent());
            out.writeBooleanField("confirmed", stored.confirmed());
            text(out, "updatedAt", stored.updatedAt());
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void text(JsonGenerator out, String name, String value) throws IOException {
        if (value == null) {
            out.writeNullField(name);
        } else {
            out.writeStringField(name, value);
        }
    }

    /** The stored form, strictly: only our fields, each of its own type, nothing after the object. */
    private static Stored fromJson(byte[] bytes) throws IOException {
        try (JsonParser in = JSON.createParser(bytes)) {
            expect(in.nextToken(), JsonToken.START_OBJECT);
            int version = 0;
            String service = null;
            String renewalId = null;
            String challenge = null;
            String cardLabel = null;
            String cardSerial = null;
            String oldAuthentication = null;
            String oldSigning = null;
            List<StoredKey> newKeys = null;
            String step = null;
            boolean confirmationSent = false;
            boolean confirmed = false;
            String updatedAt = null;
            for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
                expect(token, JsonToken.FIELD_NAME);
                String name = in.currentName();
                JsonToken value = in.nextToken();
                switch (name) {
                    case "version" -> {
                        expect(value, JsonToken.VALUE_NUMBER_INT);
                        version = in.getIntValue();
                    }
                    case "service" -> service = text(in, value);
                    case "renewalId" -> renewalId = text(in, value);
                    case "challenge" -> challenge = text(in, value);
                    case "cardLabel" -> cardLabel = text(in, value);
                    case "cardSerial" -> cardSerial = text(in, value);
                    case "oldAuthentication" -> oldAuthentication = text(in, value);
                    case "oldSigning" -> oldSigning = text(in, value);
                    case "newKeys" -> newKeys = keys(in, value);
                    case "step" -> step = text(in, value);
                    case "confirmationSent" -> confirmationSent = bool(value);
                    case "confirmed" -> confirmed = bool(value);
                    case "updatedAt" -> updatedAt = text(in, value);
                    default -> throw new IOException("unknown field");
                }
            }
            if (in.nextToken() != null) {
                throw new IOException("trailing content");
            }
            return new Stored(
                    version,
                    service,
                    renewalId,
                    challenge,
                    cardLabel,
                    cardSerial,
                    oldAuthentication,
                    oldSigning,
                    newKeys,
                    step,
                    confirmationSent,
                    confirmed,
                    updatedAt);
        }
    }

    private static List<StoredKey> keys(JsonParser in, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.START_ARRAY);
        List<StoredKey> keys = new ArrayList<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            expect(token, JsonToken.START_OBJECT);
            String purpose = null;
            String id = null;
            String label = null;
            for (JsonToken field = in.nextToken(); field != JsonToken.END_OBJECT; field = in.nextToken()) {
                expect(field, JsonToken.FIELD_NAME);
                String name = in.currentName();
                JsonToken fieldValue = in.nextToken();
                switch (name) {
                    case "purpose" -> purpose = text(in, fieldValue);
                    case "id" -> id = text(in, fieldValue);
                    case "label" -> label = text(in, fieldValue);
                    default -> throw new IOException("unknown field");
                }
            }
            keys.add(new StoredKey(purpose, id, label));
        }
        return keys;
    }

    private static String text(JsonParser in, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.VALUE_STRING);
        return in.getText();
    }

    private static boolean bool(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
            return value == JsonToken.VALUE_TRUE;
        }
        throw new IOException("not true or false");
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected " + actual);
        }
    }

    public static JournalEntry read(byte[] bytes) throws UnreadableJournalException {
        if (bytes.length > MAX_BYTES) {
            throw new UnreadableJournalException("larger than " + MAX_BYTES + " bytes");
        }
        Stored s;
        try {
            s = fromJson(bytes);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableJournalException(
                    "not a journal entry in JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (s == null) {
            throw new UnreadableJournalException("empty");
        }
        if (s.version() != VERSION) {
            throw new UnreadableJournalException("version " + s.version() + " is not " + VERSION);
        }
        String service = required(s.service(), "service");
        try {
            SignedMessages.serviceIdentity(URI.create(service));
        } catch (IllegalArgumentException e) {
            throw new UnreadableJournalException("service is not an http(s) address");
        }
        matches(s.renewalId(), RENEWAL_ID, "renewalId");
        matches(s.challenge(), CHALLENGE, "challenge");
        printable(s.cardLabel(), 32, "cardLabel");
        printable(s.cardSerial(), 16, "cardSerial");
        matches(s.oldAuthentication(), SHA256, "oldAuthentication");
        matches(s.oldSigning(), SHA256, "oldSigning");
        RenewalStep step = step(required(s.step(), "step"));
        if (s.confirmed() && !s.confirmationSent()) {
            throw new UnreadableJournalException("confirmed without the confirmation sent");
        }
        Instant updatedAt;
        try {
            updatedAt = Instant.parse(required(s.updatedAt(), "updatedAt"));
        } catch (DateTimeParseException e) {
            throw new UnreadableJournalException("updatedAt is not a time");
        }
        return new JournalEntry(
                service,
                s.renewalId(),
                s.challenge(),
                s.cardLabel(),
                s.cardSerial(),
                s.oldAuthentication(),
                s.oldSigning(),
                newKeys(s.newKeys()),
                step,
                s.confirmationSent(),
                s.confirmed(),
                updatedAt);
    }

    private static List<JournalEntry.NewKey> newKeys(List<StoredKey> stored) throws UnreadableJournalException {
        if (stored == null) {
            throw new UnreadableJournalException("newKeys is missing");
        }
        if (stored.size() > CredentialPurpose.values().length) {
            throw new UnreadableJournalException("more new keys than a renewal makes");
        }
        List<JournalEntry.NewKey> keys = new ArrayList<>();
        Set<CredentialPurpose> purposes = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (StoredKey k : stored) {
            if (k == null) {
                throw new UnreadableJournalException("a new key is empty");
            }
            CredentialPurpose purpose;
            try {
                purpose = CredentialPurpose.valueOf(required(k.purpose(), "newKeys.purpose"));
            } catch (IllegalArgumentException e) {
                throw new UnreadableJournalException("newKeys.purpose is not a purpose");
            }
            matches(k.id(), KEY_ID, "newKeys.id");
            if (!KeyLabels.isNewKeyLabel(k.label())) {
                throw new UnreadableJournalException("newKeys.label is not a label this application gives");
            }
            if (!purposes.add(purpose) || !ids.add(k.id())) {
                throw new UnreadableJournalException("the same new key twice");
            }
            keys.add(new JournalEntry.NewKey(purpose, k.id(), k.label()));
        }
        return keys;
    }

    private static RenewalStep step(String name) throws UnreadableJournalException {
        try {
            return RenewalStep.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new UnreadableJournalException("step is not a renewal step");
        }
    }

    private static String required(String value, String field) throws UnreadableJournalException {
        if (value == null) {
            throw new UnreadableJournalException(field + " is missing");
        }
        return value;
    }

    private static void matches(String value, Pattern pattern, String field) throws UnreadableJournalException {
        if (!pattern.matcher(required(value, field)).matches()) {
            throw new UnreadableJournalException(field + " is not in the form this application writes");
        }
    }

    private static void printable(String value, int maxLength, String field) throws UnreadableJournalException {
        required(value, field);
        if (value.length() > maxLength || !PRINTABLE.matcher(value).matches()) {
            throw new UnreadableJournalException(field + " is not a card's " + field);
        }
    }
}
