package org.selfrenewal.client.window;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.KeyEvent;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import org.selfrenewal.client.words.Messages;

/** Change Passcode: the rule up front, the current passcode, the new one twice. */
final class ChangePasscodePage extends Layouts.Stack {
    private static final long serialVersionUID = 1L;

    private final PasscodeField current;
    private final PasscodeField replacement;
    private final PasscodeField repeated;
    private final Notice message = new Notice("changeMessage", "Message");

    ChangePasscodePage(Messages words) {
        setName("changePasscodePage");
        current = new PasscodeField("currentPasscode", words.text("change.current"), KeyEvent.VK_U);
        replacement = new PasscodeField("newPasscode", words.text("change.new"), KeyEvent.VK_N);
        repeated = new PasscodeField("repeatPasscode", words.text("change.repeat"), KeyEvent.VK_G);
        WrappedText intro = new WrappedText("intro", words.text("change.heading"));
        intro.show(words.text("change.intro"));
        JPanel fields = new JPanel(new GridBagLayout());
        fields.setOpaque(false);
        int row = 0;
        for (PasscodeField field : new PasscodeField[] {current, replacement, repeated}) {
            GridBagConstraints label = new GridBagConstraints();
            label.gridx = 0;
            label.gridy = row;
            label.anchor = GridBagConstraints.LINE_START;
            label.insets = new Insets(0, 0, Layouts.GAP, Layouts.GAP);
            fields.add(field.label, label);
            GridBagConstraints input = (GridBagConstraints) label.clone();
            input.gridx = 1;
            input.weightx = 1;
            fields.add(field.field, input);
            row++;
        }
        row(Headings.heading(words.text("change.heading")));
        row(intro);
        row(fields);
        row(message);
        end();
        message.show(null);
    }

    void reset() {
        current.clear();
        replacement.clear();
        repeated.clear();
        message.show(null);
    }

    void showMessage(String text) {
        message.show(text);
    }

    /** The three passcodes typed (current, new, again); the caller wipes them. Fields are cleared. */
    char[][] take() {
        return new char[][] {current.take(), replacement.take(), repeated.take()};
    }

    JPasswordField firstFocus() {
        return current.field;
    }
}
