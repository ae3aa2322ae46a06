package org.selfrenewal.client.window;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Cursor;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.selfrenewal.card.passcode.PasscodeInput;
import org.selfrenewal.client.CardRenewalWarning;
import org.selfrenewal.client.InterruptedRenewal;
import org.selfrenewal.client.RenewalListener;
import org.selfrenewal.client.RenewalStep;
import org.selfrenewal.client.session.CardStatus;
import org.selfrenewal.client.session.Problem;
import org.selfrenewal.client.session.ProblemCode;
import org.selfrenewal.client.session.SmartcardSession;
import org.selfrenewal.client.words.Messages;

/**
 * The "Smartcard Service" window, the shape the legacy applet had: Select service, Enter passcode, Renew
 * certification confirmation, the progress window and "Success: certificate renewed for smartcard" — over
 * the same {@link SmartcardSession} as the console. Card and network work run on {@link BackgroundWork};
 * this class only moves between pages, on the event thread.
 */
public final class SmartcardServiceWindow {

    /** The window's title, as card holders and their IT guides know it. */
    public static final String TITLE_KEY = "app.title";

    private enum Page {
        SELECT,
        PASSCODE,
        CONFIRM,
        PROGRESS,
        RESULT,
        CHANGE_PASSCODE
    }

    private final SmartcardSession session;
    private final WindowSettings settings;
    private final Messages words;
    private final JFrame frame;
    private final CardLayout pages = new CardLayout();
    private final JPanel pageHolder = new JPanel(pages);
    private final StepTrail trail = new StepTrail();
    private final SelectServicePage select;
    private final PasscodePage passcode;
    private final ConfirmPage confirm;
    private final ProgressPage progress;
    private final ResultPage result;
    private final ChangePasscodePage change;
    private final JButton copyDetails;
    private final JButton close;
    private final JButton back;
    private final JButton proceed;
    private final BackgroundWork work;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private Page page;
    private boolean busy;
    private boolean renewing;
    private CardStatus cardStatus;

    @SuppressFBWarnings(
            value = "AT_STALE_THREAD_WRITE_OF_PRIMITIVE",
            justification = "like every field of the window, read and written on the event thread only")
    private boolean tryAgain;

    private SmartcardServiceWindow(SmartcardSession session, WindowSettings settings) {
        this.session = session;
        this.settings = settings;
        this.words = settings.words();
        this.work = new BackgroundWork(this::showUnexpected);
        frame = new JFrame(words.text(TITLE_KEY));
        frame.setName("smartcardService");
        frame.getAccessibleContext().setAccessibleName(words.text(TITLE_KEY));
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        select = new SelectServicePage(words);
        passcode = new PasscodePage(words);
        confirm = new ConfirmPage(words);
        progress = new ProgressPage(words);
        result = new ResultPage(words);
        change = new ChangePasscodePage(words);
        pageHolder.add(select, Page.SELECT.name());
        pageHolder.add(passcode, Page.PASSCODE.name());
        pageHolder.add(confirm, Page.CONFIRM.name());
        pageHolder.add(progress, Page.PROGRESS.name());
        pageHolder.add(result, Page.RESULT.name());
        pageHolder.add(change, Page.CHANGE_PASSCODE.name());
        copyDetails = button("copyDetailsButton", words.text("button.copyDetails"), KeyEvent.VK_D, this::copyDetails);
        close = button("closeButton", words.text("button.close"), KeyEvent.VK_L, this::closeRequested);
        back = button("backButton", words.text("button.back"), KeyEvent.VK_B, this::back);
        proceed = button("continueButton", words.text("button.continue"), KeyEvent.VK_C, this::proceed);
        frame.setContentPane(layout());
        frame.getRootPane().setDefaultButton(proceed);
        frame.getRootPane()
                .getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "escape");
        frame.getRootPane().getActionMap().put("escape", action(this::escape));
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                closeRequested();
            }
        });
    }

    /** Opens the window and starts reading the card. Call on the event thread. */
    public static SmartcardServiceWindow open(SmartcardSession session, WindowSettings settings) {
        SmartcardServiceWindow window = new SmartcardServiceWindow(session, settings);
        window.show(Page.SELECT);
        window.frame.pack();
        window.frame.setMinimumSize(window.frame.getSize());
        window.frame.setLocationRelativeTo(null);
        window.frame.setVisible(true);
        window.readCard();
        return window;
    }

    /** Blocks until the card holder has closed the window. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    private JPanel layout() {
        JPanel buttons = new JPanel(new BorderLayout());
        JPanel left = new JPanel(new FlowLayout(FlowLayout.LEADING, Layouts.GAP, 0));
        left.add(copyDetails);
        JPanel right = new JPanel(new FlowLayout(FlowLayout.TRAILING, Layouts.GAP, 0));
        right.add(close);
        right.add(back);
        right.add(proceed);
        buttons.add(left, BorderLayout.LINE_START);
        buttons.add(right, BorderLayout.LINE_END);
        buttons.setBorder(BorderFactory.createEmptyBorder(Layouts.GAP, 0, 0, 0));
        trail.setBorder(BorderFactory.createEmptyBorder(0, 0, Layouts.GAP * 2, 0));
        JPanel content = new JPanel(new BorderLayout());
        content.setBorder(Layouts.padding());
        content.add(trail, BorderLayout.PAGE_START);
        content.add(pageHolder, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.PAGE_END);
        return content;
    }

    private static JButton button(String name, String text, int mnemonic, Runnable onPress) {
        JButton button = new JButton(action(onPress));
        button.setText(text);
        button.setName(name);
        button.setMnemonic(mnemonic);
        button.getAccessibleContext().setAccessibleName(text);
        return button;
    }

    private static AbstractAction action(Runnable onPress) {
        return new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                onPress.run();
            }
        };
    }

    // ---- pages and buttons

    private void show(Page next) {
        page = next;
        pages.show(pageHolder, next.name());
        List<String> renewTrail =
                List.of(words.text("select.heading"), words.text("passcode.heading"), words.text("confirm.heading"));
        switch (next) {
            case SELECT -> trail.show(renewTrail, 0);
            case PASSCODE -> trail.show(renewTrail, 1);
            case CONFIRM, PROGRESS, RESULT -> trail.show(renewTrail, 2);
            case CHANGE_PASSCODE -> trail.show(List.of(words.text("select.heading"), words.text("change.heading")), 1);
        }
        back.setVisible(next == Page.PASSCODE || next == Page.CONFIRM || next == Page.CHANGE_PASSCODE);
        proceed.setVisible(next != Page.PROGRESS && (next != Page.RESULT || tryAgain));
        proceed.setText(words.text(
                switch (next) {
                    case CONFIRM -> "confirm.renew";
                    case CHANGE_PASSCODE -> "change.change";
                    case RESULT -> "button.tryAgain";
                    default -> "button.continue";
                }));
        proceed.getAccessibleContext().setAccessibleName(proceed.getText());
        close.setText(words.text(next == Page.PROGRESS ? "progress.stop" : "button.close"));
        close.setMnemonic(next == Page.PROGRESS ? KeyEvent.VK_S : KeyEvent.VK_L);
        close.getAccessibleContext().setAccessibleName(close.getText());
        frame.getRootPane().setDefaultButton(proceed.isVisible() ? proceed : close);
        SwingUtilities.invokeLater(this::focusFirst);
    }

    private void focusFirst() {
        JComponent first =
                switch (page) {
                    case SELECT -> select.firstFocus().isEnabled() ? select.firstFocus() : proceed;
                    case PASSCODE -> passcode.firstFocus();
                    case CHANGE_PASSCODE -> change.firstFocus();
                    case CONFIRM -> proceed;
                    case PROGRESS, RESULT -> proceed.isVisible() ? proceed : close;
                };
        first.requestFocusInWindow();
    }

    private void setBusy(boolean nowBusy) {
        busy = nowBusy;
        proceed.setEnabled(!nowBusy);
        back.setEnabled(!nowBusy);
        frame.setCursor(nowBusy ? Cursor.getPredefinedCursor(Cursor.WAIT_CURSOR) : Cursor.getDefaultCursor());
    }

    private void proceed() {
        if (busy) {
            return;
        }
        switch (page) {
            case SELECT -> chooseService();
            case PASSCODE -> logIn();
            case CONFIRM -> renew();
            case CHANGE_PASSCODE -> changePasscode();
            case RESULT -> {
                tryAgain = false;
                show(Page.SELECT);
                readCard();
            }
            case PROGRESS -> {}
        }
    }

    private void back() {
        if (!busy) {
            show(Page.SELECT);
            readCard();
        }
    }

    private void escape() {
        if (page == Page.PASSCODE || page == Page.CONFIRM || page == Page.CHANGE_PASSCODE) {
            back();
        } else {
            closeRequested();
        }
    }

    // ---- the steps

    private void readCard() {
        cardStatus = null;
        select.showReading();
        setBusy(true);
        work.run(session::readCard, read -> {
            setBusy(false);
            if (read.isOk()) {
                cardStatus = read.value();
                select.showCard(cardStatus, settings.clock(), helpLine());
            } else {
                select.showProblem(withHelp(read.problem()));
            }
            proceed.setText(words.text(read.isOk() ? "button.continue" : "button.tryAgain"));
            focusFirst();
        });
    }

    private void chooseService() {
        SelectServicePage.Service service = cardStatus == null ? null : select.selected();
        if (service == null) {
            readCard();
        } else if (service == SelectServicePage.Service.CHANGE_PASSCODE) {
            change.reset();
            show(Page.CHANGE_PASSCODE);
        } else {
            select.showBusy(words.text("select.checkingService"));
            setBusy(true);
            work.run(session::checkRenewalWithService, checked -> {
                setBusy(false);
                if (checked.isOk()) {
                    passcode.reset(checked.value().finalTry());
                    show(Page.PASSCODE);
                } else if (checked.problem().code().stopsEverything()) {
                    showProblem(checked.problem());
                } else {
                    select.showProblem(withHelp(checked.problem()));
                }
            });
        }
    }

    private void logIn() {
        char[] typed = passcode.take();
        passcode.showMessage(words.text("passcode.checking"));
        setBusy(true);
        work.run(
                () -> {
                    try {
                        return session.logIn(typed);
                    } finally {
                        PasscodeInput.wipe(typed);
                    }
                },
                loggedIn -> {
                    setBusy(false);
                    if (loggedIn.isOk()) {
                        show(Page.CONFIRM);
                    } else if (isPasscodeProblem(loggedIn.problem())) {
                        passcode.showMessage(words.problem(loggedIn.problem()));
                        focusFirst();
                    } else {
                        showProblem(loggedIn.problem());
                    }
                });
    }

    private void renew() {
        stopRequested.set(false);
        renewing = true;
        progress.start();
        show(Page.PROGRESS);
        setBusy(true);
        List<String> warnings = new ArrayList<>();
        RenewalListener listener = new RenewalListener() {
            @Override
            public void stepStarted(RenewalStep step) {
                SwingUtilities.invokeLater(() -> progress.stepStarted(step));
            }

            @Override
            public void undoing() {
                SwingUtilities.invokeLater(() -> progress.showStatus(words.text("progress.undoing")));
            }

            @Override
            public void warning(CardRenewalWarning warning) {
                String text = words.warning(warning);
                SwingUtilities.invokeLater(() -> warnings.add(text));
            }

            @Override
            public void previousRenewal(InterruptedRenewal.Outcome outcome) {
                String text = words.text("resume." + outcome.name());
                SwingUtilities.invokeLater(() -> warnings.add(0, text));
            }
        };
        work.run(() -> session.renew(listener, stopRequested::get), renewed -> {
            renewing = false;
            setBusy(false);
            progress.finish(renewed.isOk());
            if (renewed.isOk()) {
                showRenewed(warnings);
            } else {
                showProblem(renewed.problem());
            }
        });
    }

    private void showRenewed(List<String> warnings) {
        tryAgain = false;
        result.showSuccess(words.text("app.success"), words.text("app.successNext"), warnings, helpLine());
        show(Page.RESULT);
    }

    private void changePasscode() {
        char[][] typed = change.take();
        change.showMessage(words.text("change.working"));
        setBusy(true);
        work.run(
                () -> {
                    try {
                        return session.changePasscode(typed[0], typed[1], typed[2]);
                    } finally {
                        for (char[] passcodeTyped : typed) {
                            PasscodeInput.wipe(passcodeTyped);
                        }
                    }
                },
                changed -> {
                    setBusy(false);
                    if (changed.isOk()) {
                        tryAgain = false;
                        result.showSuccess(
                                words.text("change.done"), words.text("change.doneNext"), List.of(), helpLine());
                        show(Page.RESULT);
                    } else if (isPasscodeProblem(changed.problem())) {
                        change.showMessage(words.problem(changed.problem()));
                        focusFirst();
                    } else {
                        showProblem(changed.problem());
                    }
                });
    }

    /** Problems the card holder fixes by typing again, shown beside the fields. */
    private static boolean isPasscodeProblem(Problem problem) {
        return !problem.code().stopsEverything()
                && switch (problem.code()) {
                    case PASSCODE_EMPTY,
                            PASSCODE_MALFORMED,
                            WRONG_PASSCODE,
                            WRONG_PASSCODE_FEW_TRIES_LEFT,
                            WRONG_PASSCODE_FINAL_TRY,
                            NEW_PASSCODE_RULE,
                            NEW_PASSCODE_MISMATCH,
                            NEW_PASSCODE_SAME_AS_CURRENT,
                            NEW_PASSCODE_REJECTED_BY_CARD -> true;
                    default -> false;
                };
    }

    private void showProblem(Problem problem) {
        tryAgain = !problem.code().stopsEverything();
        result.showProblem(words.problem(problem), problem.code().needsHelp() ? helpLine() : null);
        show(Page.RESULT);
    }

    private void showUnexpected() {
        renewing = false;
        setBusy(false);
        showProblem(Problem.of(ProblemCode.UNEXPECTED));
    }

    private String withHelp(Problem problem) {
        String text = words.problem(problem);
        return problem.code().needsHelp() ? text + "\n\n" + helpLine() : text;
    }

    private String helpLine() {
        return settings.contacts()
                .helpLine()
                .map(line -> words.text("help.contacts", line))
                .orElse(words.text("help.noContacts"));
    }

    private void copyDetails() {
        String details = ItDetails.text(session, settings.card(), settings.service());
        String said = words.text("button.copied");
        try {
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(details), null);
        } catch (IllegalStateException | SecurityException e) {
            said = words.text("button.copyFailed");
        }
        JTextArea shown = new JTextArea(details);
        shown.setName("itDetails");
        shown.setEditable(false);
        shown.getAccessibleContext().setAccessibleName(words.text("button.copyDetails"));
        JOptionPane.showMessageDialog(
                frame, new Object[] {said, shown}, words.text("button.copyDetails"), JOptionPane.INFORMATION_MESSAGE);
    }

    // ---- closing

    private void closeRequested() {
        if (!renewing) {
            dispose();
            return;
        }
        RenewalStep step = progress.current();
        if (step != null && !step.cancellable()) {
            JOptionPane.showMessageDialog(
                    frame,
                    words.text("progress.cannotStop"),
                    words.text("progress.stopQuestion.title"),
                    JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        int answer = JOptionPane.showConfirmDialog(
                frame,
                words.text("progress.stopQuestion"),
                words.text("progress.stopQuestion.title"),
                JOptionPane.YES_NO_OPTION,
                JOptionPane.QUESTION_MESSAGE);
        if (answer == JOptionPane.YES_OPTION && renewing) {
            stopRequested.set(true);
            progress.showStatus(words.text("progress.stopRequested"));
        }
    }

    private void dispose() {
        frame.dispose();
        work.run(
                () -> {
                    session.close();
                    return null;
                },
                ignored -> {
                    work.close();
                    closed.countDown();
                });
    }

    /** For tests and the launcher: the window's frame. */
    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "handing out the frame is the purpose")
    public JFrame frame() {
        return frame;
    }
}
