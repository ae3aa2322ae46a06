package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.client.ClientMain;
import org.selfrenewal.client.CurrentCredentials;
import org.selfrenewal.client.InterruptedRenewal;
import org.selfrenewal.client.RenewalApi;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.RenewalListener;
import org.selfrenewal.client.RenewalStep;
import org.selfrenewal.client.journal.JournalEntry;
import org.selfrenewal.client.journal.RenewalJournal;
import org.selfrenewal.client.session.CardStatus;
import org.selfrenewal.client.session.ProblemCode;
import org.selfrenewal.client.session.Result;
import org.selfrenewal.client.session.SmartcardSession;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;
import org.selfrenewal.server.persistence.RenewalRepository;
import org.selfrenewal.server.ra.CardIssuer;
import org.selfrenewal.server.ra.RegistrationAuthority;

/**
 * Issue 8, must show 1: a fault at every point of a renewal, on real SoftHSM2 cards against a real server.
 *
 * <p>The points come from the code, not from a list kept by hand: a clean renewal is run first and every card
 * operation it makes is a point where the card is pulled out (after that operation, every further PKCS#11 call
 * fails); every request of {@link RenewalApi} is cut before the server acts, after it acted (answer lost), and
 * after it acted with the server then stopped and started again on the same H2 data directory. A request the
 * client only makes when something went wrong (cancellation, state) is reached by a fault that leads to it. A new
 * card step or request therefore becomes a new point, and a request with no way to reach it fails the test.
 *
 * <p>After each fault the card still authenticates with its old or its new credentials (a credential whose
 * certificate the server holds CURRENT signs on the card and verifies), and the next run of the client
 * completes the renewal: the card then holds exactly the two CURRENT certificates, each proven on the card, no
 * half-written key, nothing PENDING or CURRENT-but-unused on the server, no open renewal, no journal entry.
 */
@DisplayName("Fault matrix: the card pulled out after every step, every request cut or the server restarted")
class RenewalFaultMatrixTest {

    private static final String PASSCODE = "135790";
    private static final String SO_PIN = "87654321";
    private static final AtomicInteger CARDS = new AtomicInteger();
    private static final List<String> COVERED = new ArrayList<>();

    private static RestartableServer server;
    private static ConnectionCutter proxy;
    private static SoftHsmTokens tokens;
    private static Path work;

    /** One fault in one run: the card pulled out after n operations, requests of one kind cut, a stop. */
    private record Fault(
            int cardOperationsBeforeRemoval, String request, ConnectionCutter.Cut cut, RenewalStep stopBefore) {
        static Fault cardRemovedAfter(int operations) {
            return new Fault(operations, null, null, null);
        }

        static Fault cut(String request, ConnectionCutter.Cut cut) {
            return new Fault(Integer.MAX_VALUE, request, cut, null);
        }

        Fault stoppingBefore(RenewalStep step) {
            return new Fault(cardOperationsBeforeRemoval, request, cut, step);
        }
    }

    /** A fault point: the faulty runs that reach it; a clean run follows. */
    private record Scenario(String name, List<Fault> faultyRuns) {}

    private record Run(
            boolean ok,
            ProblemCode problem,
            List<String> cardCalls,
            List<RenewalStep> steps,
            List<InterruptedRenewal.Outcome> earlier) {}

    private record TestCard(TokenLocation location, long cardId, Path journal) {}

    @Test
    @DisplayName("console: a renewal whose confirmation answer was lost is finished by the next `renew`, in words")
    void consoleFinishesAnInterruptedRenewal() throws Exception {
        TestCard card = issueCard();
        Path home = Files.createDirectories(work.resolve("console-user-" + card.cardId()));
        Map<String, String> environment = new HashMap<>(tokens.environment());
        environment.put("XDG_STATE_HOME", home.toString()); // the journal beside this user's client logs
        proxy.cutEvery(path("confirm"), ConnectionCutter.Cut.AFTER_SERVER_ACTS);
        ProcessRun interrupted;
        try {
            interrupted = console(card, environment);
        } finally {
            proxy.noCuts();
        }
        assertEquals(4, interrupted.exitCode(), interrupted.output());
        assertTrue(
                interrupted.stderr().contains("the renewal will be finished where it stopped"), interrupted.output());
        assertTrue(
                Files.isDirectory(home.resolve("smartcard-self-renewal").resolve("journal")),
                "the journal is beside the logs");
        assertCardAuthenticates(card, "console, confirmation answer lost");

        ProcessRun next = console(card, environment);
        assertEquals(0, next.exitCode(), next.output());
        assertTrue(
                next.stdout().contains("Your last renewal was interrupted; it has now been finished."), next.output());
        assertTrue(next.stdout().contains("Success: certificate renewed for smartcard"), next.output());
        assertCompleted(new TestCard(card.location(), card.cardId(), home.resolve("smartcard-self-renewal/journal")));
    }

    @Test
    @DisplayName("hostile journal: an entry naming the card's own credential as a half-made key removes nothing")
    void hostileJournalRemovesNothing() throws Exception {
        TestCard card = issueCard();
        String currentAuthenticationId;
        String label;
        String serial;
        String oldAuth;
        String oldSign;
        try (Card c = Pkcs11Card.open(card.location())) {
            c.login(PASSCODE.toCharArray());
            CurrentCredentials current = CurrentCredentials.of(c.credentials());
            currentAuthenticationId = current.authentication().id();
            label = c.describe().label();
            serial = c.describe().serialNumber();
            oldAuth = CertificateCodec.fingerprint(current.authentication().certificate());
            oldSign = CertificateCodec.fingerprint(current.signing().certificate());
        }
        RenewalJournal.in(card.journal())
                .record(JournalEntry.started(
                                proxy.uri(),
                                "6e0f9a52-1d1b-4c8e-9a57-0b8f7e4d2c11", // no such renewal
                                "aG9zdGlsZS1qb3VybmFsLWNoYWxsZW5nZQ",
                                label,
                                serial,
                                oldAuth,
                                oldSign,
                                Instant.now())
                        .withNewKey(
                                new JournalEntry.NewKey(
                                        CredentialPurpose.AUTHENTICATION,
                                        currentAuthenticationId,
                                        "Authentication key 2026-01-01"),
                                Instant.now()));
        Run run = run(card, new Fault(Integer.MAX_VALUE, null, null, null));
        assertTrue(run.ok(), "the card's own credential was kept, so it renews: " + run);
        assertEquals(List.of(InterruptedRenewal.Outcome.UNDONE), run.earlier());
        assertCompleted(card);
    }

    private static ProcessRun console(TestCard card, Map<String, String> environment) throws Exception {
        return ProcessRun.java(
                work,
                environment,
                PASSCODE + "\n",
                ClientMain.class.getName(),
                "renew",
                "--token",
                card.location().spec(),
                "--server",
                proxy.uri().toString());
    }

    @TestFactory
    Stream<DynamicTest> everyFaultPoint() throws Exception {
        TestCard dry = issueCard();
        Run clean = run(dry, new Fault(Integer.MAX_VALUE, null, null, null));
        assertTrue(clean.ok(), "a clean renewal works: " + clean);
        // every step after the passcode (the eligibility check is made before it, with the service)
        assertEquals(
                List.copyOf(EnumSet.complementOf(EnumSet.of(RenewalStep.CHECKING_ELIGIBILITY))),
                clean.steps(),
                "a clean renewal goes through every step");
        assertCompleted(dry);
        List<String> cardCalls = clean.cardCalls();
        System.out.println("Card operations of a clean renewal: " + cardCalls);

        List<Scenario> scenarios = new ArrayList<>();
        // The card is pulled out after each operation that has one after it (after the last, the run is over).
        for (int n = 1; n < cardCalls.size(); n++) {
            scenarios.add(new Scenario(
                    "card pulled out after operation " + n + " (" + cardCalls.get(n - 1) + ")",
                    List.of(Fault.cardRemovedAfter(n))));
        }
        for (String request : requests()) {
            for (ConnectionCutter.Cut cut : ConnectionCutter.Cut.values()) {
                scenarios.add(new Scenario(request + ": " + cut, reaching(request, cut)));
            }
        }
        int total = scenarios.size();
        Stream<DynamicTest> points = scenarios.stream()
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> {
                    covers(s);
                    synchronized (COVERED) {
                        COVERED.add(s.name());
                    }
                }));
        DynamicTest count = DynamicTest.dynamicTest("fault points counted", () -> {
            System.out.println("fault points covered: " + COVERED.size() + " of " + total + " (server restarts: "
                    + server.restarts() + ")");
            assertEquals(total, COVERED.size(), "every fault point ran and passed; none skipped");
        });
        return Stream.concat(points, Stream.of(count));
    }

    /** Every request the client can make, from {@link RenewalApi} itself. */
    private static List<String> requests() {
        return Arrays.stream(RenewalApi.class.getDeclaredMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isDefault())
                .map(Method::getName)
                .filter(name -> !name.equals("serviceUri") && !name.equals("close"))
                .sorted()
                .toList();
    }

    /** The runs that reach {@code request} with its connection cut; a request no fault can reach fails. */
    private static List<Fault> reaching(String request, ConnectionCutter.Cut cut) {
        return switch (request) {
            case "start", "submitRequests", "confirm" -> List.of(Fault.cut(request, cut));
                // the card holder stops once the certificates are issued: the client undoes and cancels
            case "cancel" -> List.of(Fault.cut(request, cut).stoppingBefore(RenewalStep.WRITING_CERTIFICATES));
                // the confirmation's answer is lost; the next run asks the state, and that is cut too
            case "state" -> List.of(
                    Fault.cut("confirm", ConnectionCutter.Cut.AFTER_SERVER_ACTS), Fault.cut(request, cut));
            default -> throw new AssertionError("no fault scenario reaches the request " + request + ": add one");
        };
    }

    private static Predicate<String> path(String request) {
        String id = "00000000-0000-0000-0000-000000000000";
        return switch (request) {
            case "start" -> p -> p.equals(ApiPaths.RENEWALS);
            case "submitRequests" -> p ->
                    p.endsWith(ApiPaths.certificateRequests(id).substring(ApiPaths.RENEWALS.length() + 37));
            case "confirm" -> p -> p.endsWith(ApiPaths.confirmation(id).substring(ApiPaths.RENEWALS.length() + 37));
            case "cancel" -> p -> p.endsWith(ApiPaths.cancellation(id).substring(ApiPaths.RENEWALS.length() + 37));
            case "state" -> p -> p.endsWith(ApiPaths.state(id).substring(ApiPaths.RENEWALS.length() + 37));
            default -> throw new AssertionError("no path for the request " + request);
        };
    }

    private void covers(Scenario scenario) throws Exception {
        TestCard card = issueCard();
        Run last = null;
        for (Fault fault : scenario.faultyRuns()) {
            last = run(card, fault);
            assertNotEquals(ProblemCode.UNEXPECTED, last.problem(), "no run ends in an unexpected failure: " + last);
            assertCardAuthenticates(card, scenario.name());
        }
        boolean journalLeft = journalEntries(card).size() > 0;
        if (!last.ok() || journalLeft) {
            Run next = run(card, new Fault(Integer.MAX_VALUE, null, null, null));
            assertTrue(next.ok(), scenario.name() + ": the next run completes the renewal: " + next);
            System.out.println(scenario.name() + ": faulty run " + (last.ok() ? "renewed" : last.problem())
                    + "; next run " + nextRun(next));
        } else {
            System.out.println(scenario.name() + ": the faulty run itself completed the renewal");
        }
        assertCompleted(card);
    }

    private static String nextRun(Run next) {
        if (next.earlier().contains(InterruptedRenewal.Outcome.FINISHED)) {
            return "finished the interrupted renewal (confirmed by the server)";
        }
        if (next.earlier().contains(InterruptedRenewal.Outcome.UNDONE)) {
            return "undid the interrupted renewal, then renewed";
        }
        return "renewed";
    }

    private Run run(TestCard card, Fault fault) throws Exception {
        CardThatDisappears[] opened = new CardThatDisappears[1];
        List<RenewalStep> steps = new ArrayList<>();
        List<InterruptedRenewal.Outcome> earlier = new ArrayList<>();
        if (fault.request() != null) {
            proxy.cutEvery(path(fault.request()), fault.cut());
        }
        try (SmartcardSession session = new SmartcardSession(
                () -> opened[0] = new CardThatDisappears(Pkcs11Card.open(card.location())),
                () -> new RenewalApiClient(proxy.uri()),
                Clock.systemUTC(),
                RenewalJournal.in(card.journal()))) {
            Result<CardStatus> checked = session.checkRenewalWithService();
            if (!checked.isOk()) {
                return new Run(false, checked.problem().code(), List.of(), steps, earlier);
            }
            Result<CardStatus> loggedIn = session.logIn(PASSCODE.toCharArray());
            assertTrue(loggedIn.isOk(), "login: " + (loggedIn.isOk() ? "" : loggedIn.problem()));
            opened[0].arm(fault.cardOperationsBeforeRemoval());
            Result<CurrentCredentials> renewed = session.renew(
                    new RenewalListener() {
                        @Override
                        public void stepStarted(RenewalStep step) {
                            steps.add(step);
                        }

                        @Override
                        public void previousRenewal(InterruptedRenewal.Outcome outcome) {
                            earlier.add(outcome);
                        }
                    },
                    () -> fault.stopBefore() != null && steps.contains(previous(fault.stopBefore())));
            return new Run(
                    renewed.isOk(),
                    renewed.isOk() ? null : renewed.problem().code(),
                    opened[0].calls(),
                    steps,
                    earlier);
        } finally {
            proxy.noCuts();
        }
    }

    private static RenewalStep previous(RenewalStep step) {
        return RenewalStep.values()[step.ordinal() - 1];
    }

    /**
     * The card signs with a credential whose certificate the server holds CURRENT, for both purposes; and
     * anything PENDING belongs to a renewal still open, which the server's timeout sweep cancels if no client
     * ever comes back (nothing PENDING past the timeout).
     */
    private void assertCardAuthenticates(TestCard card, String point) throws Exception {
        Map<String, CertificateRecord> server = certificates(card);
        Set<String> open =
                server()
                        .database()
                        .inTransaction(c -> new RenewalRepository().findOpenByCard(c, card.cardId()))
                        .stream()
                        .map(r -> r.id())
                        .collect(Collectors.toSet());
        for (CertificateRecord pending : server.values()) {
            if (pending.status() == CertificateStatus.PENDING) {
                assertTrue(open.contains(pending.issuedByRenewal()), point + ": PENDING outside an open renewal");
            }
        }
        try (Card c = Pkcs11Card.open(card.location())) {
            c.login(PASSCODE.toCharArray());
            for (CredentialPurpose purpose : CredentialPurpose.values()) {
                Optional<CardCredential> working = c.credentials().stream()
                        .filter(cred -> cred.purpose() == purpose)
                        .filter(cred -> status(server, cred) == CertificateStatus.CURRENT)
                        .findFirst();
                assertTrue(working.isPresent(), point + ": the card has no CURRENT " + purpose + " credential");
                c.proveKeyPair(working.get()); // signs on the card, verifies against the certificate
            }
        }
    }

    /** Renewed: exactly the two CURRENT certificates on the card, nothing left over anywhere. */
    private void assertCompleted(TestCard card) throws Exception {
        Map<String, CertificateRecord> server = certificates(card);
        try (Card c = Pkcs11Card.open(card.location())) {
            c.login(PASSCODE.toCharArray());
            List<CardCredential> onCard = c.credentials();
            assertEquals(2, onCard.size(), "two credentials on the card: " + onCard);
            for (CardCredential credential : onCard) {
                CertificateRecord record = server.get(CertificateCodec.fingerprint(credential.certificate()));
                assertEquals(CertificateStatus.CURRENT, record == null ? null : record.status(), credential.toString());
                assertTrue(record.issuedByRenewal() != null, "a renewed certificate: " + credential);
                c.proveKeyPair(credential);
            }
            assertEquals(
                    EnumSet.allOf(CredentialPurpose.class),
                    onCard.stream().map(CardCredential::purpose).collect(Collectors.toSet()));
            assertEquals(List.of(), c.keysWithoutCertificate(), "no half-written key on the card");
            Set<String> onCardSha = onCard.stream()
                    .map(cred -> CertificateCodec.fingerprint(cred.certificate()))
                    .collect(Collectors.toSet());
            Set<String> current = server.values().stream()
                    .filter(r -> r.status() == CertificateStatus.CURRENT)
                    .map(CertificateRecord::sha256)
                    .collect(Collectors.toSet());
            assertEquals(onCardSha, current, "no CURRENT certificate that the card does not use");
        }
        assertEquals(
                List.of(),
                server.values().stream()
                        .filter(r -> r.status() == CertificateStatus.PENDING)
                        .toList(),
                "nothing left PENDING");
        int open = server().database()
                .inTransaction(c -> new RenewalRepository().findOpenByCard(c, card.cardId()))
                .size();
        assertEquals(0, open, "no open renewal");
        assertEquals(List.of(), journalEntries(card), "no journal entry left");
    }

    private static CertificateStatus status(Map<String, CertificateRecord> server, CardCredential credential) {
        CertificateRecord record = server.get(CertificateCodec.fingerprint(credential.certificate()));
        return record == null ? null : record.status();
    }

    private Map<String, CertificateRecord> certificates(TestCard card) {
        return server().database().inTransaction(c -> new CertificateRepository().findByCard(c, card.cardId())).stream()
                .collect(Collectors.toMap(CertificateRecord::sha256, r -> r));
    }

    private static List<Path> journalEntries(TestCard card) throws Exception {
        if (!Files.isDirectory(card.journal())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(card.journal())) {
            return files.filter(f -> f.getFileName().toString().matches("renewal-[0-9a-f]+\\.json"))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
    }

    private static ServerContext server() {
        return server.context();
    }

    private static TestCard issueCard() throws Exception {
        int n = CARDS.incrementAndGet();
        String label = "FAULT-" + n + "-" + (System.nanoTime() % 100_000);
        TokenLocation location = tokens.createToken(label, SO_PIN.toCharArray(), PASSCODE.toCharArray());
        try (Card card = Pkcs11Card.open(location)) {
            card.login(PASSCODE.toCharArray());
            RegistrationAuthority.RegisteredCard registered = new CardIssuer(server().registrationAuthority())
                    .issue(
                            card,
                            new RegistrationAuthority.CardHolder("Faye Fault", "777000" + n),
                            server.clock.instant().plus(Duration.ofDays(30)));
            return new TestCard(location, registered.cardId(), work.resolve("journal-" + n));
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install softhsm2)");
        tokens = SoftHsmTokens.fromEnvironment()
                .orElseThrow(
                        () -> new IllegalStateException("SOFTHSM2_CONF is not set for this JVM (see src/e2e/pom.xml)"));
        tokens.ensureConfigured();
        tokens.requireVisibleToThisProcess();
        work = TestDirectories.fresh("fault-matrix");
        int port = ConnectionCutter.freePort();
        proxy = new ConnectionCutter(port, () -> server.restart());
        server = RestartableServer.start(work, port, proxy.uri());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
