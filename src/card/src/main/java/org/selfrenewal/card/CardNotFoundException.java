package org.selfrenewal.card;

import java.nio.file.Path;
import java.util.Optional;

/** No usable smartcard: the PKCS#11 library is missing, or there is no such slot or token label. */
public class CardNotFoundException extends CardException {
    private static final long serialVersionUID = 1L;

    /** The standard message for a card holder. */
    public static final String MESSAGE = "No smartcard was found. Check the card is in the reader and the"
            + " smartcard software is installed, then try again.";

    private final transient Path library;

    public CardNotFoundException(String detailForLog, Throwable cause) {
        this(CardProblem.NOT_FOUND, null, detailForLog, cause);
    }

    private CardNotFoundException(CardProblem problem, Path library, String detailForLog, Throwable cause) {
        super(problem, MESSAGE + " (" + detailForLog + ")", cause);
        this.library = library;
    }

    /** The smartcard middleware's PKCS#11 library is not installed or cannot be loaded. */
    public static CardNotFoundException libraryMissing(Path library, String detailForLog, Throwable cause) {
        return new CardNotFoundException(CardProblem.LIBRARY_MISSING, library, detailForLog, cause);
    }

    /** The PKCS#11 library that is missing, when that is the problem. */
    public Optional<Path> library() {
        return Optional.ofNullable(library);
    }

    public CardNotFoundException(String detailForLog) {
        this(detailForLog, null);
    }
}
