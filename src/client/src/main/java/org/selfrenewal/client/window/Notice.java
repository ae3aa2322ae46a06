package org.selfrenewal.client.window;

import java.awt.BorderLayout;
import javax.swing.BorderFactory;
import javax.swing.Icon;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;

/**
 * A message that must not be missed (a problem, or what stopped the card holder): the look and feel's own
 * warning icon beside wrapped, selectable text. Hidden while empty.
 */
final class Notice extends JPanel {
    private static final long serialVersionUID = 1L;

    private final WrappedText text;

    Notice(String name, String accessibleName) {
        super(new BorderLayout(Layouts.GAP, 0));
        setOpaque(false);
        text = new WrappedText(name, accessibleName);
        Icon icon = UIManager.getIcon("OptionPane.warningIcon");
        JLabel iconLabel = new JLabel(icon);
        iconLabel.setVerticalAlignment(JLabel.TOP);
        iconLabel.getAccessibleContext().setAccessibleName("Warning");
        add(iconLabel, BorderLayout.LINE_START);
        add(text, BorderLayout.CENTER);
        setBorder(BorderFactory.createEmptyBorder(Layouts.GAP / 2, 0, Layouts.GAP / 2, 0));
        setVisible(false);
    }

    /** Shows {@code message}, or hides the notice when it is null or empty. */
    void show(String message) {
        text.show(message);
        setVisible(message != null && !message.isEmpty());
        revalidate();
    }

    String text() {
        return text.getText();
    }
}
