package org.selfrenewal.client.window;

import java.awt.Font;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import javax.swing.JLabel;
import javax.swing.JProgressBar;
import javax.swing.Timer;
import org.selfrenewal.client.RenewalStep;
import org.selfrenewal.client.words.Messages;

/** The renewal as it runs: every step named, the current one highlighted, a progress bar and the time taken. */
final class ProgressPage extends Layouts.Stack {
    private static final long serialVersionUID = 1L;
    private static final String DONE = "\u2713  ";
    private static final String NOW = "\u25b6  ";
    private static final String LATER = "     ";

    private final Messages words;
    private final Map<RenewalStep, JLabel> steps = new EnumMap<>(RenewalStep.class);
    private final JProgressBar bar = new JProgressBar(0, RenewalStep.total());
    private final JLabel elapsed = new JLabel(" ");
    private final WrappedText status = new WrappedText("progressStatus", "Status");
    private final Timer clock;
    private long startedAt;
    private RenewalStep current;

    ProgressPage(Messages words) {
        this.words = words;
        setName("progressPage");
        WrappedText intro = new WrappedText("intro", words.text("progress.heading"));
        intro.show(words.text("progress.intro"));
        row(Headings.heading(words.text("progress.heading")));
        row(intro);
        bar.setName("progressBar");
        bar.setStringPainted(true);
        bar.getAccessibleContext().setAccessibleName(words.text("progress.heading"));
        row(bar);
        for (RenewalStep step : RenewalStep.values()) {
            JLabel label = new JLabel(LATER + words.step(step));
            label.setName("step." + step.name());
            steps.put(step, label);
            row(label, 1);
        }
        elapsed.setName("elapsed");
        row(elapsed);
        row(status);
        end();
        clock = new Timer(1000, e -> showElapsed());
    }

    void start() {
        startedAt = System.nanoTime();
        current = null;
        steps.forEach((step, label) -> mark(step, LATER, Font.PLAIN));
        bar.setValue(0);
        bar.setString(" ");
        status.show(null);
        showElapsed();
        clock.start();
    }

    void stepStarted(RenewalStep step) {
        if (current != null) {
            mark(current, DONE, Font.PLAIN);
        }
        current = step;
        mark(step, NOW, Font.BOLD);
        bar.setValue(step.number() - 1);
        bar.setString(words.text("progress.step", step.number(), RenewalStep.total()));
        bar.getAccessibleContext().setAccessibleDescription(bar.getString() + ": " + words.step(step));
    }

    void showStatus(String text) {
        status.show(text);
    }

    /** The renewal has ended, one way or the other. */
    void finish(boolean renewed) {
        clock.stop();
        if (renewed) {
            steps.forEach((step, label) -> mark(step, DONE, Font.PLAIN));
            bar.setValue(RenewalStep.total());
        }
        showElapsed();
    }

    /** The step running now, or null before the first. */
    RenewalStep current() {
        return current;
    }

    private void mark(RenewalStep step, String prefix, int style) {
        JLabel label = steps.get(step);
        label.setText(prefix + words.step(step));
        label.setFont(label.getFont().deriveFont(style));
        label.getAccessibleContext().setAccessibleName(label.getText().strip());
    }

    private void showElapsed() {
        Duration taken = Duration.ofNanos(System.nanoTime() - startedAt);
        elapsed.setText(
                words.text("progress.elapsed", String.format("%d:%02d", taken.toMinutes(), taken.toSecondsPart())));
    }
}
