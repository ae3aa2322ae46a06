package org.selfrenewal.client.window;

import javax.swing.JLabel;
import javax.swing.JPasswordField;

/** A masked passcode field with its label (which gives it a mnemonic and its accessible name). */
final class PasscodeField {

    final JLabel label;
    final JPasswordField field;

    PasscodeField(String name, String text, int mnemonic) {
        field = new JPasswordField(12);
        field.setName(name);
        field.getAccessibleContext().setAccessibleName(text);
        field.setDocument(new PasscodeDocument());
        label = new JLabel(text);
        label.setLabelFor(field);
        label.setDisplayedMnemonic(mnemonic);
    }

    /** The typed passcode; the caller wipes it. The field is cleared. */
    char[] take() {
        char[] typed = field.getPassword();
        field.setText("");
        return typed;
    }

    void clear() {
        field.setText("");
    }
}
