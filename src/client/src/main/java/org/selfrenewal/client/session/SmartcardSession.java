package org.selfrenewal.client.session;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.CardProblem;
import org.selfrenewal.card.TokenDescription;
import org.selfrenewal.client.CardNotReadyException;
import org.selfrenewal.client.CardRenewal;
import org.selfrenewal.client.CurrentCredentials;
import org.selfrenewal.client.InterruptedRenewal;
import org.selfrenewal.client.RenewalApi;
import org.selfrenewal.client.RenewalCancelledException;
import org.selfrenewal.client.RenewalListener;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.client.RenewalUnfinishedException;
import org.selfrenewal.client.ServiceUnreachableException;
import org.selfrenewal.client.journal.RenewalJournal;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.protocol.RenewalStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card holder's application layer, driven by both views (console and window): read the card, ask the
 * service what it can refuse without a passcode, log in, renew, change the passcode. Each step returns a
 * {@link Result} carrying a value or a {@link Problem} code, never prose and never an exception a view must
 * understand. Steps block (card and network work): the window calls them off the event thread.
 *
 * <p>One session is one card for one sitting. Passcodes are {@code char[]} owned by the caller, who wipes
 * them; nothing here keeps, logs or copies them into a String.
 */
public final class SmartcardSession implements AutoCloseable {

    /** Opens the card (PKCS#11 library and token are the caller's choice). */
    @FunctionalInterface
    public interface CardOpener {
        Card open() throws CardException;
    }

    /** Connects to the renewal service (builds the TLS trust; nothing is sent yet). */
    @FunctionalInterface
    public interface ServiceConnector {
        RenewalApi connect() throws IOException, GeneralSecurityException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SmartcardSession.class);

    private final CardOpener cardOpener;
    private final ServiceConnector serviceConnector;
    private final Clock clock;
    private final RenewalJournal journal;
    private Card card;
    private RenewalApi service;
    private CardStatus status;
    private RenewalStarted started;
    private boolean finishEarlierRenewalFirst;
    private boolean checkWindowHere = true;
    private volatile Problem lastProblem;
    private volatile TokenDescription lastToken;

    /** A session keeping this user's renewal journal ({@link RenewalJournal#forThisUser()}). */
    public SmartcardSession(CardOpener cardOpener, ServiceConnector serviceConnector, Clock clock) {
        this(cardOpener, serviceConnector, clock, RenewalJournal.forThisUser());
    }

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "the session writes to the journal it is given")
    public SmartcardSession(
            CardOpener cardOpener, ServiceConnector serviceConnector, Clock clock, RenewalJournal journal) {
        this.cardOpener = cardOpener;
        this.serviceConnector = serviceConnector;
        this.clock = clock;
        this.journal = journal;
    }

    /** Reads the card without a passcode: token, both current certificates, and whether they are due. */
    public synchronized Result<CardStatus> readCard() {
        try {
            Card opened = openCard();
            TokenDescription token = opened.describe();
            lastToken = token;
            CurrentCredentials credentials = CurrentCredentials.of(opened.credentials());
            status = new CardStatus(
                    token,
                    credentials,
                    CardRenewal.eligibility(credentials, clock),
                    journal.find(token.label(), token.serialNumber()).isPresent());
            LOG.info(
                    "Card read: {} certificates, {}",
                    token.label(),
                    status.eligibility().status());
            return Result.ok(status);
        } catch (CardException e) {
            forgetCard();
            return failed(Problems.of(e), e);
        } catch (CardNotReadyException e) {
            return failed(Problems.of(e), e);
        }
    }

    /**
     * Before the passcode is asked: the 90-day rule on this machine, then the service's own checks that need
     * no passcode (certificates known, not revoked, not superseded, due by the service's clock).
     */
    public synchronized Result<CardStatus> checkRenewalWithService() {
        return checkRenewalWithService(true);
    }

    /**
     * As {@link #checkRenewalWithService()}; {@code checkWindowHere} false leaves the 90-day rule to the service
     * alone (only to prove that the service enforces it by itself).
     */
    public synchronized Result<CardStatus> checkRenewalWithService(boolean checkWindowHere) {
        Result<CardStatus> read = readCard();
        if (!read.isOk()) {
            return read;
        }
        this.checkWindowHere = checkWindowHere;
        if (read.value().renewalUnfinished()) {
            // Before anything else for this card: the earlier renewal is finished or undone once logged in.
            try {
                connectedService();
            } catch (IOException | GeneralSecurityException e) {
                return failed(Problem.of(ProblemCode.SERVICE_NOT_TRUSTED), e);
            }
            finishEarlierRenewalFirst = true;
            started = null;
            LOG.info("An earlier renewal of this card was interrupted: it is finished or undone first");
            return read;
        }
        Eligibility eligibility = read.value().eligibility();
        if (checkWindowHere && !eligibility.isDue()) {
            return failed(Problem.notRenewable(eligibility), null);
        }
        if (read.value().locked()) {
            return failed(Problem.of(ProblemCode.CARD_LOCKED), null);
        }
        try {
            started = CardRenewal.start(connectedService(), read.value().credentials());
            LOG.info("The service accepts renewing this card (renewal {})", started.renewalId());
            return read;
        } catch (RenewalRefusedException e) {
            return failed(Problems.of(e), e);
        } catch (ServiceUnreachableException e) {
            return failed(Problems.of(e), e);
        } catch (IOException | GeneralSecurityException e) {
            return failed(Problem.of(ProblemCode.SERVICE_NOT_TRUSTED), e);
        }
    }

    /** Logs in with the passcode, unless it cannot be right (then it never reaches the card). */
    public synchronized Result<CardStatus> logIn(char[] passcode) {
        Optional<ProblemCode> malformed = PasscodeRules.checkCurrent(passcode);
        if (malformed.isPresent()) {
            return failed(Problem.of(malformed.get()), null);
        }
        Result<CardStatus> read = status == null ? readCard() : Result.ok(status);
        if (!read.isOk()) {
            return read;
        }
        try {
            card.login(passcode);
            LOG.info("Logged in to the card");
            return read;
        } catch (CardException e) {
            return failed(Problems.of(e), e);
        }
    }

    /**
     * Renews both credentials after {@link #checkRenewalWithService()} and {@link #logIn(char[])}. First an
     * earlier renewal of this card that was interrupted is finished or undone (see {@link InterruptedRenewal}).
     * A stop asked through {@code stopRequested} is honoured only while the card can still be put back as it was.
     */
    public synchronized Result<CurrentCredentials> renew(RenewalListener listener, BooleanSupplier stopRequested) {
        if (status == null || (started == null && !finishEarlierRenewalFirst)) {
            throw new IllegalStateException("check with the service and log in before renewing");
        }
        try {
            InterruptedRenewal.Resolution earlier =
                    new InterruptedRenewal(card, service, journal).resolve(status.token());
            if (earlier.outcome() != InterruptedRenewal.Outcome.NONE) {
                LOG.info("The earlier renewal of this card was {}", earlier.outcome());
                listener.previousRenewal(earlier.outcome());
            }
            if (earlier.outcome() == InterruptedRenewal.Outcome.FINISHED) {
                status = null;
                return Result.ok(earlier.renewed().orElseThrow());
            }
            CurrentCredentials current = status.credentials();
            RenewalStarted renewal = started;
            if (renewal == null || earlier.outcome() == InterruptedRenewal.Outcome.UNDONE) {
                current = CurrentCredentials.of(card.credentials());
                Eligibility eligibility = CardRenewal.eligibility(current, clock);
                if (checkWindowHere && !eligibility.isDue()) {
                    return failed(Problem.notRenewable(eligibility), null);
                }
                renewal = CardRenewal.start(service, current);
            }
            CurrentCredentials renewed =
                    new CardRenewal(card, service, clock, listener, journal).complete(renewal, current, stopRequested);
            status = null;
            LOG.info("Renewed: both certificates on the card are new");
            return Result.ok(renewed);
        } catch (CardException e) {
            return failed(Problems.of(e), e);
        } catch (CardNotReadyException e) {
            return failed(Problems.of(e), e);
        } catch (RenewalRefusedException e) {
            return failed(Problems.of(e), e);
        } catch (ServiceUnreachableException e) {
            return failed(Problems.of(e), e);
        } catch (RenewalUnfinishedException e) {
            return failed(Problem.of(ProblemCode.RENEWAL_UNFINISHED), e);
        } catch (InterruptedRenewal.UnresolvedException e) {
            return failed(Problem.of(ProblemCode.EARLIER_RENEWAL_UNRESOLVED), e);
        } catch (RenewalCancelledException e) {
            return failed(Problem.of(ProblemCode.RENEWAL_STOPPED), null);
        } catch (RuntimeException e) {
            return failed(Problem.of(ProblemCode.UNEXPECTED), e);
        } finally {
            started = null; // a renewal is started afresh for any further attempt
            finishEarlierRenewalFirst = false;
        }
    }

    /** Changes the passcode on the card, after the rules that need no card (6-8 digits, typed twice). */
    public synchronized Result<Void> changePasscode(char[] current, char[] replacement, char[] repeated) {
        Optional<ProblemCode> broken = PasscodeRules.checkChange(current, replacement, repeated);
        if (broken.isPresent()) {
            return failed(Problem.of(broken.get()), null);
        }
        try {
            openCard().changePasscode(current, replacement);
            LOG.info("Passcode changed");
            return Result.ok(null);
        } catch (CardException e) {
            if (e.problem() != CardProblem.WRONG_PASSCODE) {
                forgetCard();
            }
            return failed(Problems.of(e), e);
        }
    }

    /** The last problem met in this session, for "Copy details for IT". */
    public Optional<Problem> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** What the card said about itself when last read, for "Copy details for IT". */
    public Optional<TokenDescription> lastToken() {
        return Optional.ofNullable(lastToken);
    }

    @Override
    public synchronized void close() {
        forgetCard();
        if (service != null) {
            service.close();
            service = null;
        }
    }

    private Card openCard() throws CardException {
        if (card == null) {
            card = cardOpener.open();
        }
        return card;
    }

    private RenewalApi connectedService() throws IOException, GeneralSecurityException {
        if (service == null) {
            service = serviceConnector.connect();
        }
        return service;
    }

    /** A card that failed may have been pulled out: open it afresh next time. */
    private void forgetCard() {
        if (card != null) {
            card.close();
            card = null;
        }
        status = null;
    }

    private <T> Result<T> failed(Problem problem, Exception cause) {
        lastProblem = problem;
        // Expected problems go to the log file only: the card holder reads them from the bundle, never as
        // exception text on a console. Only what no step foresaw is an error, with its stack trace.
        if (problem.code() == ProblemCode.UNEXPECTED) {
            LOG.error("Stopped: {}", problem.reference(), cause);
        } else if (cause == null) {
            LOG.info("Stopped: {}", problem.reference());
        } else {
            LOG.info("Stopped: {} ({})", problem.reference(), cause.toString());
        }
        return Result.failed(problem);
    }
}
