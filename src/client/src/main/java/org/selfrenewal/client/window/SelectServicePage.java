package org.selfrenewal.client.window;

import java.awt.event.KeyEvent;
import java.time.Clock;
import javax.swing.ButtonGroup;
import javax.swing.JLabel;
import javax.swing.JRadioButton;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.client.CredentialWords;
import org.selfrenewal.client.session.CardStatus;
import org.selfrenewal.client.session.Problem;
import org.selfrenewal.client.session.ProblemCode;
import org.selfrenewal.client.words.Messages;
import org.selfrenewal.protocol.EligibilityWords;

/** Select service: the card's two certificates, and Change Passcode or Renew Certificate. */
final class SelectServicePage extends Layouts.Stack {
    private static final long serialVersionUID = 1L;

    /** The two services. */
    enum Service {
        CHANGE_PASSCODE,
        RENEW
    }

    private final Messages words;
    private final JLabel card = new JLabel(" ");
    private final WrappedText authentication =
            new WrappedText("authenticationCertificate", "Authentication certificate");
    private final WrappedText signing = new WrappedText("signingCertificate", "Signing certificate");
    private final JRadioButton changePasscode;
    private final JRadioButton renew;
    private final WrappedText renewReason = new WrappedText("renewReason", "Why renewal is not available");
    private final Notice problem = new Notice("status", "Problem");
    private final WrappedText busy = new WrappedText("busy", "Status");

    SelectServicePage(Messages words) {
        this.words = words;
        setName("selectServicePage");
        card.setName("cardLabel");
        changePasscode = option(
                "changePasscodeOption",
                words.text("select.changePasscode"),
                words.text("select.changePasscode.description"),
                KeyEvent.VK_P);
        renew = option(
                "renewOption", words.text("select.renew"), words.text("select.renew.description"), KeyEvent.VK_R);
        ButtonGroup group = new ButtonGroup();
        group.add(changePasscode);
        group.add(renew);
        WrappedText intro = new WrappedText("intro", words.text("select.heading"));
        intro.show(words.text("select.intro"));
        row(Headings.heading(words.text("select.heading")));
        row(intro);
        row(card);
        row(authentication, 1);
        row(signing, 1);
        row(changePasscode);
        row(renew);
        row(renewReason, 1);
        row(busy);
        row(problem);
        end();
        showReading();
    }

    private static JRadioButton option(String name, String text, String description, int mnemonic) {
        JRadioButton option = new JRadioButton(text);
        option.setName(name);
        option.setMnemonic(mnemonic);
        option.setOpaque(false);
        option.getAccessibleContext().setAccessibleName(text);
        option.getAccessibleContext().setAccessibleDescription(description);
        return option;
    }

    void showReading() {
        showBusy(words.text("select.readingCard"));
        changePasscode.setEnabled(false);
        renew.setEnabled(false);
        renewReason.show(null);
    }

    void showBusy(String text) {
        busy.show(text);
        problem.show(null);
    }

    /** What the card says: certificates, and which service can be chosen ({@code helpLine} where it helps). */
    void showCard(CardStatus cardStatus, Clock clock, String helpLine) {
        card.setText(words.text("select.card", cardStatus.token().label()));
        card.getAccessibleContext().setAccessibleName(card.getText());
        describe(authentication, cardStatus.credentials().authentication(), clock);
        describe(signing, cardStatus.credentials().signing(), clock);
        changePasscode.setEnabled(!cardStatus.locked());
        renew.setEnabled(cardStatus.renewable());
        if (cardStatus.renewalUnfinished() && !cardStatus.locked()) {
            renewReason.show(words.text("select.renewalUnfinished"));
        } else if (cardStatus.locked() || !cardStatus.eligibility().isDue()) {
            Problem reason = cardStatus.locked()
                    ? Problem.of(ProblemCode.CARD_LOCKED)
                    : Problem.notRenewable(cardStatus.eligibility());
            renewReason.show(words.problem(reason) + (reason.code().needsHelp() ? "\n" + helpLine : ""));
        } else {
            renewReason.show(words.text(
                    "console.renewDue",
                    EligibilityWords.day(cardStatus.eligibility().notAfter()),
                    CredentialWords.daysLeft(words, cardStatus.eligibility().daysLeft())));
        }
        (renew.isEnabled() ? renew : changePasscode).setSelected(true);
        busy.show(null);
        problem.show(null);
    }

    /** A problem reading the card or checking with the service. */
    void showProblem(String text) {
        busy.show(null);
        problem.show(text);
    }

    private void describe(WrappedText line, CardCredential credential, Clock clock) {
        line.show(CredentialWords.title(words, credential) + ": " + CredentialWords.expiry(words, credential, clock));
    }

    /** The chosen service, if one can be chosen. */
    Service selected() {
        if (renew.isSelected() && renew.isEnabled()) {
            return Service.RENEW;
        }
        if (changePasscode.isSelected() && changePasscode.isEnabled()) {
            return Service.CHANGE_PASSCODE;
        }
        return null;
    }

    JRadioButton firstFocus() {
        return renew.isEnabled() ? renew : changePasscode;
    }
}
