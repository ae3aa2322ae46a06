package org.selfrenewal.client.window;

import java.awt.FlowLayout;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** The legacy applet's trail across the top: "Select service › Enter passcode › Renew certification confirmation". */
final class StepTrail extends JPanel {
    private static final long serialVersionUID = 1L;

    private final List<JLabel> labels = new ArrayList<>();

    StepTrail() {
        super(new FlowLayout(FlowLayout.LEADING, 0, 0));
        setName("stepTrail");
        setOpaque(false);
    }

    /** Shows {@code steps}, the one at {@code current} in bold. */
    void show(List<String> steps, int current) {
        removeAll();
        labels.clear();
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                add(new JLabel("  \u203a  "));
            }
            JLabel label = new JLabel(steps.get(i));
            Font font = label.getFont();
            label.setFont(font.deriveFont(i == current ? Font.BOLD : Font.PLAIN));
            label.getAccessibleContext().setAccessibleDescription(i == current ? "current step" : "");
            labels.add(label);
            add(label);
        }
        getAccessibleContext().setAccessibleName(String.join(", ", steps) + "; now: " + steps.get(current));
        revalidate();
        repaint();
    }
}
