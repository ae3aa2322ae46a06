package org.selfrenewal.client.window;

import java.awt.Font;
import javax.swing.JLabel;

/** Page headings: the label font, bold and a third larger, so they scale with the rest. */
final class Headings {

    private Headings() {}

    static JLabel heading(String text) {
        JLabel heading = new JLabel(text);
        heading.setName("heading");
        Font font = heading.getFont();
        heading.setFont(font.deriveFont(Font.BOLD, font.getSize2D() * 1.35f));
        heading.getAccessibleContext().setAccessibleName(text);
        return heading;
    }

    static JLabel strong(String text) {
        JLabel label = new JLabel(text);
        label.setFont(label.getFont().deriveFont(Font.BOLD));
        return label;
    }
}
