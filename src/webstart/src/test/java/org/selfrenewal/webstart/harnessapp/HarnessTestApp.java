package org.selfrenewal.webstart.harnessapp;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * The small Web Start application {@code XDisplayHarnessIT} launches through javaws: a window titled
 * {@value #TITLE} with a text field and a button "Save" (Alt+S). Pressing the button writes the field's
 * text to the file named by the first argument - a privileged call, denied in IcedTea-Web's sandbox, so
 * the file proves the application ran with all permissions - and says so in the window.
 */
public final class HarnessTestApp {

    /** The window's title. */
    public static final String TITLE = "Harness Test";

    /** Printed after the file was written. */
    public static final String SAVED = "HarnessTestApp: saved";

    /** Printed, followed by the exception, when the file could not be written. */
    public static final String NOT_SAVED = "HarnessTestApp: could not save: ";

    private HarnessTestApp() {}

    /** @param args the marker file to write */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: HarnessTestApp MARKER_FILE");
        }
        Path marker = Path.of(args[0]);
        SwingUtilities.invokeLater(() -> show(marker));
    }

    private static void show(Path marker) {
        JFrame frame = new JFrame(TITLE);
        frame.setDefaultCloseOperation(WindowConstants.EXIT_ON_CLOSE);
        JTextField text = new JTextField(24);
        JLabel status = new JLabel("Type something and press Save.");
        JButton save = new JButton("Save");
        save.setMnemonic(KeyEvent.VK_S);
        save.addActionListener(event -> {
            try {
                Files.writeString(marker, text.getText(), StandardCharsets.UTF_8);
                status.setText("Saved " + text.getText().length() + " characters.");
                System.out.println(SAVED);
            } catch (IOException | SecurityException e) {
                status.setText("Could not save: " + e.getClass().getSimpleName());
                System.out.println(NOT_SAVED + e);
            }
        });
        JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT));
        row.add(new JLabel("Text:"));
        row.add(text);
        row.add(save);
        JPanel content = new JPanel(new BorderLayout(8, 8));
        content.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        content.add(row, BorderLayout.CENTER);
        content.add(status, BorderLayout.SOUTH);
        frame.setContentPane(content);
        frame.pack();
        frame.setLocation(100, 100);
        frame.setVisible(true);
        text.requestFocusInWindow();
    }
}
