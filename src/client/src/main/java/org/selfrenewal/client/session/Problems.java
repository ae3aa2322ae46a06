package org.selfrenewal.client.session;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.CardNotFoundException;
import org.selfrenewal.card.WrongPasscodeException;
import org.selfrenewal.client.CardNotReadyException;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.client.ServiceUnreachableException;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.ErrorCode;

/** Turns what the card, the 90-day rule and the service report into {@link Problem}s. One place, no prose. */
final class Problems {

    private Problems() {}

    static Problem of(CardException e) {
        return switch (e.problem()) {
            case NOT_FOUND -> Problem.of(ProblemCode.NO_CARD);
            case LIBRARY_MISSING -> Problem.of(ProblemCode.CARD_LIBRARY_MISSING, missingLibrary(e));
            case WRONG_PASSCODE -> Problem.of(wrongPasscode(e));
            case LOCKED -> Problem.of(ProblemCode.CARD_LOCKED);
            case NEW_PASSCODE_REJECTED -> Problem.of(ProblemCode.NEW_PASSCODE_REJECTED_BY_CARD);
            case KEY_MISMATCH -> Problem.of(ProblemCode.NEW_CERTIFICATE_NOT_FOR_NEW_KEY);
            case NOT_LOGGED_IN, OPERATION_FAILED -> Problem.of(ProblemCode.CARD_OPERATION_FAILED);
        };
    }

    /** The library file the card software should be, as the card holder's IT would look for it. */
    private static String missingLibrary(CardException e) {
        return e instanceof CardNotFoundException notFound && notFound.library().isPresent()
                ? notFound.library().get().toString()
                : "?";
    }

    private static ProblemCode wrongPasscode(CardException e) {
        if (!(e instanceof WrongPasscodeException wrong)) {
            return ProblemCode.WRONG_PASSCODE;
        }
        return switch (wrong.remainingTries()) {
            case ONE -> ProblemCode.WRONG_PASSCODE_FINAL_TRY;
            case FEW -> ProblemCode.WRONG_PASSCODE_FEW_TRIES_LEFT;
            case UNKNOWN -> ProblemCode.WRONG_PASSCODE;
        };
    }

    static Problem of(CardNotReadyException e) {
        if (e.missing().isPresent()) {
            return Problem.of(
                    e.missing().get() == CredentialPurpose.AUTHENTICATION
                            ? ProblemCode.NO_AUTHENTICATION_CERTIFICATE
                            : ProblemCode.NO_SIGNING_CERTIFICATE);
        }
        return Problem.notRenewable(e.eligibility().orElseThrow());
    }

    /** The service's refusal; its not-due and expired answers carry dates, worded like our own check. */
    static Problem of(RenewalRefusedException e) {
        Map<String, String> details = e.error().details();
        try {
            if (e.error().code() == ErrorCode.NOT_DUE
                    && details.containsKey("renewalOpensOn")
                    && details.containsKey("expiresOn")) {
                return Problem.of(
                        ProblemCode.NOT_DUE,
                        LocalDate.parse(details.get("renewalOpensOn")),
                        LocalDate.parse(details.get("expiresOn")));
            }
            if (e.error().code() == ErrorCode.EXPIRED && details.containsKey("expiredOn")) {
                return Problem.of(ProblemCode.EXPIRED, LocalDate.parse(details.get("expiredOn")));
            }
        } catch (DateTimeParseException unreadable) {
            // not a date we can show: the refusal's own words below
        }
        return Problem.refusedBy(e.error().code());
    }

    static Problem of(ServiceUnreachableException e) {
        return Problem.of(e.untrusted() ? ProblemCode.SERVICE_NOT_TRUSTED : ProblemCode.SERVICE_UNREACHABLE);
    }
}
