package org.selfrenewal.client.window;

import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import org.selfrenewal.client.words.Messages;

/** Enter passcode: one masked field; the tries left and the final-try warning when the card reports them. */
final class PasscodePage extends Layouts.Stack {
    private static final long serialVersionUID = 1L;

    private final PasscodeField passcode;
    private final String finalTryWarning;
    private final Notice warning = new Notice("finalTryWarning", "Warning");
    private final Notice message = new Notice("passcodeMessage", "Message");

    PasscodePage(Messages words) {
        setName("passcodePage");
        passcode = new PasscodeField("passcodeField", words.text("passcode.label"), KeyEvent.VK_A);
        WrappedText intro = new WrappedText("intro", words.text("passcode.heading"));
        intro.show(words.text("passcode.intro"));
        JPanel field = new JPanel(new FlowLayout(FlowLayout.LEADING, Layouts.GAP, 0));
        field.setOpaque(false);
        field.add(passcode.label);
        field.add(passcode.field);
        row(Headings.heading(words.text("passcode.heading")));
        row(intro);
        row(field);
        row(warning);
        row(message);
        end();
        finalTryWarning = words.text("passcode.finalTryWarning");
    }

    /** Ready for a passcode; {@code finalTry} when the card says one more wrong one locks it. */
    void reset(boolean finalTry) {
        passcode.clear();
        warning.show(finalTry ? finalTryWarning : null);
        message.show(null);
    }

    void showMessage(String text) {
        message.show(text);
    }

    /** The passcode typed; the caller wipes it. */
    char[] take() {
        return passcode.take();
    }

    JPasswordField firstFocus() {
        return passcode.field;
    }
}
