package org.selfrenewal.client.window;

import java.util.List;
import javax.swing.JLabel;
import javax.swing.UIManager;
import org.selfrenewal.client.words.Messages;

/** How it ended: success and what to do next, or what stopped it, what to do and whom to contact. */
final class ResultPage extends Layouts.Stack {
    private static final long serialVersionUID = 1L;

    private final JLabel heading;
    private final JLabel headline = Headings.strong(" ");
    private final WrappedText detail = new WrappedText("resultDetail", "What to do next");
    private final Notice problem = new Notice("resultProblem", "What stopped");
    private final WrappedText warnings = new WrappedText("resultWarnings", "Warnings");
    private final WrappedText help = new WrappedText("help", "Help");
    private final Messages words;

    ResultPage(Messages words) {
        this.words = words;
        setName("resultPage");
        heading = Headings.heading(" ");
        headline.setName("resultHeadline");
        headline.setFont(headline.getFont().deriveFont(headline.getFont().getSize2D() * 1.2f));
        headline.setIcon(UIManager.getIcon("OptionPane.informationIcon"));
        headline.setIconTextGap(Layouts.GAP);
        row(heading);
        row(headline);
        row(problem);
        row(detail);
        row(warnings);
        row(help);
        end();
    }

    /** A success: {@code message} in bold, then what to do next, any warnings and then whom to contact. */
    void showSuccess(String message, String next, List<String> warningTexts, String helpLine) {
        heading.setText(words.text("result.heading"));
        headline.setText(message);
        headline.getAccessibleContext().setAccessibleName(message);
        headline.setVisible(true);
        problem.show(null);
        detail.show(next);
        warnings.show(String.join("\n\n", warningTexts));
        help.show(warningTexts.isEmpty() ? null : helpLine);
    }

    /** What stopped the card holder, and whom to contact when that can help. */
    void showProblem(String message, String helpLine) {
        heading.setText(words.text("result.problemHeading"));
        headline.setVisible(false);
        problem.show(message);
        detail.show(null);
        warnings.show(null);
        help.show(helpLine);
    }
}
