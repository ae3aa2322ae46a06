package org.selfrenewal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.ProtocolJson;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.StartRenewal;

/**
 * The client's own JSON codec against the server's Jackson mapper ({@link ProtocolJson#strictMapper()}, which
 * reads every request and writes every answer of the API): every message the client sends is byte for byte what
 * the server's mapper writes and reads back equal under the server's strict rules; every answer the server's
 * mapper writes reads back equal in the client.
 */
class RenewalApiJsonTest {

    private static final ObjectMapper SERVER = ProtocolJson.strictMapper();
    private final Random random = new Random(10);

    @Test
    void everyMessageTheClientSendsIsTheServersBytesAndReadsBackEqualOnTheServer() throws IOException {
        List<Object> sent = List.of(
                new StartRenewal(base64(1200), base64(1300)),
                new CertificateRequests(base64(256), base64(700), base64(701)),
                new CardSignature(base64(256)),
                new RenewalStateRequest(base64(1200), base64(256)),
                new CardSignature("text with \"quotes\", a back\\slash, a tab\t, é, ’ and \u0001"));
        for (Object message : sent) {
            byte[] client = RenewalApiJson.write(message);
            assertEquals(
                    new String(SERVER.writeValueAsBytes(message), StandardCharsets.UTF_8),
                    new String(client, StandardCharsets.UTF_8),
                    message.getClass().getSimpleName());
            assertEquals(message, SERVER.readValue(client, message.getClass()));
        }
    }

    @Test
    void everyAnswerTheServerWritesReadsBackEqualInTheClient() throws IOException {
        List<Object> answers = new ArrayList<>(List.of(
                new RenewalStarted("r-42", base64(32), Instant.parse("2026-11-22T16:40:38.123456789Z")),
                new RenewalStarted("r-43", base64(32), Instant.parse("2026-11-22T16:40:38Z")),
                new IssuedCertificates(
                        base64(1200), base64(1201), List.of(base64(900), base64(800)), List.of(base64(901))),
                new IssuedCertificates(base64(1200), base64(1201), List.of(), List.of())));
        for (RenewalState state : RenewalState.values()) {
            answers.add(new RenewalOutcome("r-" + state, state));
            answers.add(new RenewalStatus(
                    "r-" + state,
                    state,
                    state == RenewalState.CANCELLED,
                    Instant.parse("2026-11-22T16:50:00.5Z"),
                    base64(1200),
                    base64(1201)));
        }
        answers.add(new RenewalStatus("r-open", RenewalState.STARTED, false, null, null, null));
        for (ErrorCode code : ErrorCode.values()) {
            answers.add(ErrorResponse.of(code));
        }
        answers.add(new ErrorResponse(
                ErrorCode.NOT_DUE,
                "Self-renewal opens on 1 March 2027 – you’ll be told",
                Map.of("renewalOpensOn", "2027-03-01", "daysLeft", "98")));
        for (Object answer : answers) {
            byte[] server = SERVER.writeValueAsBytes(answer);
            assertEquals(
                    answer, RenewalApiJson.read(server, answer.getClass()), new String(server, StandardCharsets.UTF_8));
        }
    }

    @Test
    void fieldsTheClientDoesNotKnowAreIgnoredAsTheServersLenientReaderWould() throws IOException {
        byte[] newer = ("{\"renewalId\":\"r-1\",\"state\":\"CONFIRMED\",\"confirmedAt\":\"2026-11-22T00:00:00Z\","
                        + "\"extra\":{\"nested\":[1,2,{\"x\":null}]}}")
                .getBytes(StandardCharsets.UTF_8);
        RenewalOutcome read = RenewalApiJson.read(newer, RenewalOutcome.class);
        assertEquals(new RenewalOutcome("r-1", RenewalState.CONFIRMED), read);
        assertEquals(ProtocolJson.mapper().readValue(newer, RenewalOutcome.class), read);
    }

    @Test
    void whatIsNotTheExpectedAnswerIsAnIOException() {
        for (String broken : List.of(
                "",
                "[]",
                "{\"renewalId\":\"r-1\",\"state\":\"NO_SUCH_STATE\"}",
                "{\"renewalId\":\"r-1\",\"state\":\"CONFIRMED\"} trailing",
                "{\"renewalId\":\"r-1\",\"state\":[\"CONFIRMED\"]}",
                "{\"renewalId\":\"r-1\",\"state\":\"CONFIRMED\"",
                "not json")) {
            assertThrows(
                    IOException.class,
                    () -> RenewalApiJson.read(broken.getBytes(StandardCharsets.UTF_8), RenewalOutcome.class),
                    broken);
        }
        byte[] badInstant =
                "{\"renewalId\":\"r\",\"challenge\":\"c\",\"expiresAt\":\"tomorrow\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> RenewalApiJson.read(badInstant, RenewalStarted.class));
        byte[] unknownCode = "{\"code\":\"NOT_A_CODE\",\"message\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> RenewalApiJson.read(unknownCode, ErrorResponse.class));
    }

    private String base64(int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }
}
