package org.selfrenewal.client.window;

import javax.swing.text.AttributeSet;
import javax.swing.text.BadLocationException;
import javax.swing.text.PlainDocument;
import org.selfrenewal.client.session.PasscodeRules;

/** A passcode field's text: at most 16 characters, so nothing longer can be typed or pasted in. */
final class PasscodeDocument extends PlainDocument {
    private static final long serialVersionUID = 1L;
    private static final int MAX = PasscodeRules.CURRENT_MAX;

    @Override
    public void insertString(int offset, String text, AttributeSet attributes) throws BadLocationException {
        if (text != null && getLength() + text.length() <= MAX) {
            super.insertString(offset, text, attributes);
        }
    }
}
