package org.selfrenewal.client.window;

import java.awt.Dimension;
import javax.swing.JTextArea;
import javax.swing.UIManager;

/**
 * A read-only paragraph that wraps at the window's width, in the label font, selectable so a card holder can
 * copy it, and read by screen readers under the name given.
 */
final class WrappedText extends JTextArea {
    private static final long serialVersionUID = 1L;

    WrappedText(String name, String accessibleName) {
        super(1, 40);
        setName(name);
        setEditable(false);
        setLineWrap(true);
        setWrapStyleWord(true);
        setOpaque(false);
        setFocusable(false);
        setBorder(null);
        setFont(UIManager.getFont("Label.font"));
        setForeground(UIManager.getColor("Label.foreground"));
        getAccessibleContext().setAccessibleName(accessibleName);
    }

    /** Shows {@code text}, or hides the paragraph when it is empty. */
    void show(String text) {
        setText(text == null ? "" : text);
        setVisible(text != null && !text.isEmpty());
        getAccessibleContext().setAccessibleDescription(getText());
        setCaretPosition(0);
    }

    @Override
    public Dimension getPreferredSize() {
        // Let the layout decide the width; the height follows the wrapped lines.
        Dimension preferred = super.getPreferredSize();
        return new Dimension(Math.min(preferred.width, getColumns() * getColumnWidth()), preferred.height);
    }
}
