package org.selfrenewal.server.api;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ProtocolJson;
import org.selfrenewal.protocol.StartRenewal;

/**
 * Fuzzes the API's request parsing as the server runs it: the strict JSON reader, then the base64 and
 * DER decoding of every field. Anything but a clean refusal (an unexpected exception type, a hang, a
 * crash) is a finding. A plain test run replays the inputs in {@code RequestParsingFuzzTestInputs};
 * with {@code JAZZER_FUZZ=1} Jazzer fuzzes for {@code maxDuration} (README: the short run in the suite
 * and the longer run as a command).
 */
class RequestParsingFuzzTest {

    /** The standalone driver's entry point, for the longer run (README). */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        new RequestParsingFuzzTest().parseAnyRequest(data);
    }

    @FuzzTest(maxDuration = "30s")
    void parseAnyRequest(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 2);
        byte[] body = data.consumeRemainingAsBytes();
        Class<?> type =
                switch (which) {
                    case 0 -> StartRenewal.class;
                    case 1 -> CertificateRequests.class;
                    default -> CardSignature.class;
                };
        Object parsed;
        try {
            parsed = RequestParsing.read(ProtocolJson.strictMapper(), body, type);
        } catch (RequestParsing.Unreadable refused) {
            return;
        }
        if (parsed instanceof StartRenewal start) {
            certificate(start.authenticationCertificate());
            certificate(start.signingCertificate());
        } else if (parsed instanceof CertificateRequests requests) {
            bytes(requests.proofOfPossession());
            csr(requests.authenticationCsr());
            csr(requests.signingCsr());
        } else if (parsed instanceof CardSignature statement) {
            bytes(statement.signature());
        }
    }

    private static void certificate(String text) {
        try {
            CertificateCodec.decode(text);
        } catch (IllegalArgumentException refused) {
            // the documented refusal
        }
    }

    private static void bytes(String text) {
        try {
            CertificateCodec.unbase64(text);
        } catch (IllegalArgumentException refused) {
            // the documented refusal
        }
    }

    private static void csr(String text) {
        byte[] der;
        try {
            der = CertificateCodec.unbase64(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        try {
            new PKCS10CertificationRequest(der).getSubjectPublicKeyInfo();
        } catch (IOException | RuntimeException refused) {
            // the service turns any of these into BAD_REQUEST
        }
    }
}
