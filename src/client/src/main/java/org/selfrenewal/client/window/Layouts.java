package org.selfrenewal.client.window;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.border.Border;

/** Spacing shared by every page, in font-relative units so 200% scaling stays in proportion. */
final class Layouts {

    static final int GAP = 8;

    private Layouts() {}

    /** A vertical stack: each added component on its own row, full width. */
    static class Stack extends JPanel {
        private static final long serialVersionUID = 1L;
        private final GridBagConstraints next = new GridBagConstraints();

        Stack() {
            super(new GridBagLayout());
            setOpaque(false);
            next.gridx = 0;
            next.gridy = 0;
            next.weightx = 1;
            next.fill = GridBagConstraints.HORIZONTAL;
            next.anchor = GridBagConstraints.FIRST_LINE_START;
            next.insets = new Insets(0, 0, GAP, 0);
        }

        /** Adds {@code component} as the next row, indented by {@code indent} gaps. */
        Stack row(JComponent component, int indent) {
            GridBagConstraints c = (GridBagConstraints) next.clone();
            c.insets = new Insets(0, indent * GAP * 3, GAP, 0);
            add(component, c);
            next.gridy++;
            return this;
        }

        Stack row(JComponent component) {
            return row(component, 0);
        }

        /** Fills the rest of the height, so rows stay at the top. */
        Stack end() {
            GridBagConstraints c = (GridBagConstraints) next.clone();
            c.weighty = 1;
            c.fill = GridBagConstraints.BOTH;
            JPanel filler = new JPanel();
            filler.setOpaque(false);
            add(filler, c);
            return this;
        }
    }

    static Border padding() {
        return BorderFactory.createEmptyBorder(GAP * 2, GAP * 2, GAP * 2, GAP * 2);
    }
}
