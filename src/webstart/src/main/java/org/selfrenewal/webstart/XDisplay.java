package org.selfrenewal.webstart;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives and photographs real windows on the X display of this process ({@code DISPLAY}, e.g. the Xvfb
 * that {@code src/scripts/test.sh} runs Maven under) from the outside, as a person would: xdotool finds
 * a top-level window by its title, focuses it and types into it (XTEST: real key presses, the same as a
 * keyboard); ImageMagick's {@code import} photographs the display or one window to PNG, from the X
 * server, not from Java. Works for any X client: a Swing window of a javaws-launched application
 * ({@link Javaws#start}), of a test's own JVM, or any other program.
 *
 * <pre>
 * XDisplay.Window window = XDisplay.waitForWindow("Harness Test", Duration.ofSeconds(60));
 * XDisplay.type(window, "hello");
 * XDisplay.key(window, "Tab", "space");   // xdotool key names: Return, Tab, alt+c, ctrl+a, ...
 * XDisplay.screenshot(window, Path.of("target/screenshots/harness.png"));
 * </pre>
 *
 * <p>Debian packages: {@code xdotool}, {@code imagemagick} (the real {@code import}), {@code x11-utils}
 * ({@code xdpyinfo}, {@code xwininfo}), and {@code xvfb} + {@code xauth} for {@code xvfb-run}. There is no
 * window manager under Xvfb: windows are focused with {@code xdotool windowfocus} (X input focus; for a Java
 * window, on the {@code FocusProxy} child AWT gives it, see {@link #focus}), not activated through a window
 * manager, and {@code xdotool --window} (synthetic events) is not used: Swing ignores it.
 */
public final class XDisplay {

    /** Longest wait for one helper command that should return at once (focus, keys, a screenshot). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** Pause between keystrokes, in milliseconds (xdotool's {@code --delay}). */
    private static final int KEY_DELAY_MS = 40;

    private XDisplay() {}

    /**
     * A top-level X window.
     *
     * @param id    the X window id (decimal, as xdotool prints it)
     * @param title its title ({@code WM_NAME}) when it was found
     */
    public record Window(String id, String title) {
        /** Checks. */
        public Window {
            Objects.requireNonNull(id, "id");
            if (!id.chars().allMatch(Character::isDigit) || id.isEmpty()) {
                throw new IllegalArgumentException("Not an X window id: " + id);
            }
        }
    }

    /** A window did not appear in time; the message lists the windows that were visible. */
    public static final class WindowNotFound extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        WindowNotFound(String message) {
            super(message);
        }
    }

    /** What an X helper command did. */
    record Outcome(int exitCode, String output, boolean timedOut) {
        boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    /** The display this process (and every child it starts) uses, or {@code null}. */
    public static String display() {
        String display = System.getenv("DISPLAY");
        return display == null || display.isBlank() ? null : display;
    }

    /**
     * True when there is an X display to talk to ({@code xdpyinfo} reaches {@code DISPLAY}) and xdotool and
     * ImageMagick's {@code import} can be run. {@link #whatIsMissing()} says which part is not there.
     */
    public static boolean available() {
        return whatIsMissing() == null;
    }

    /** Null when {@link #available()}, otherwise what to install or run. */
    public static String whatIsMissing() {
        if (display() == null) {
            return "no X display: DISPLAY is not set (run the tests with src/scripts/test.sh, which uses xvfb-run)";
        }
        Outcome info = runQuietly(List.of("xdpyinfo"));
        if (info == null) {
            return "xdpyinfo is not installed (apt-get install x11-utils)";
        }
        if (!info.ok()) {
            return "the X display " + display() + " cannot be reached: "
                    + info.output().strip();
        }
        if (runQuietly(List.of("xdotool", "version")) == null) {
            return "xdotool is not installed (apt-get install xdotool)";
        }
        Outcome imagemagick = runQuietly(List.of("import", "-version"));
        if (imagemagick == null || !imagemagick.output().contains("ImageMagick")) {
            return "ImageMagick's import is not installed (apt-get install imagemagick)";
        }
        return null;
    }

    /**
     * Waits for a visible top-level window whose title matches {@code titlePattern} (a regular expression,
     * as {@code xdotool search --name} takes it; a plain title matches itself and any title containing
     * it), with {@code xdotool search --sync}, bounded by {@code timeout}.
     *
     * @return the first such window
     * @throws WindowNotFound after the timeout, naming the windows that were visible then
     */
    public static Window waitForWindow(String titlePattern, Duration timeout) {
        Outcome search = run(List.of("xdotool", "search", "--sync", "--onlyvisible", "--name", titlePattern), timeout);
        if (search.ok()) {
            String id = firstLine(search.output());
            if (id != null) {
                return new Window(id, windowName(id));
            }
        }
        throw new WindowNotFound("No visible window titled /" + titlePattern + "/ on " + display() + " after "
                + timeout.toSeconds() + " s"
                + (search.timedOut()
                        ? ""
                        : " (xdotool: exit " + search.exitCode() + " "
                                + search.output().strip() + ")")
                + "; visible windows: " + windows());
    }

    /** The visible top-level windows whose title matches {@code titlePattern}, now (no waiting). */
    public static List<Window> findWindows(String titlePattern) {
        Outcome search = run(List.of("xdotool", "search", "--onlyvisible", "--name", titlePattern), COMMAND_TIMEOUT);
        List<Window> found = new ArrayList<>();
        for (String id : search.output().split("\n")) {
            if (!id.isBlank() && id.strip().chars().allMatch(Character::isDigit)) {
                found.add(new Window(id.strip(), windowName(id.strip())));
            }
        }
        return found;
    }

    /**
     * Every visible top-level window, titled or not (a child of the root window: there is no window manager
     * under Xvfb to reparent them), for diagnostics and for {@link Watch}. A window without a title has
     * title {@code ""} (Java gives an untitled dialog {@code " "}).
     */
    public static List<Window> windows() {
        Outcome search =
                run(List.of("xdotool", "search", "--maxdepth", "1", "--onlyvisible", "--name", ""), COMMAND_TIMEOUT);
        String root = rootWindowId();
        List<Window> found = new ArrayList<>();
        for (String line : search.output().split("\n")) {
            String id = line.strip();
            if (!id.isEmpty() && id.chars().allMatch(Character::isDigit) && !id.equals(root)) {
                found.add(new Window(id, windowName(id)));
            }
        }
        return found;
    }

    private static volatile String rootId;

    private static String rootWindowId() {
        if (rootId == null) {
            Outcome info = run(List.of("xwininfo", "-root"), COMMAND_TIMEOUT);
            Matcher id = Pattern.compile("Window id: 0x([0-9a-fA-F]+)").matcher(info.output());
            rootId = id.find() ? Long.toString(Long.parseLong(id.group(1), 16)) : "";
        }
        return rootId;
    }

    /**
     * Records every top-level window that appears on the display while it runs (polling {@link #windows()}),
     * e.g. to prove that a launch showed no dialog of its own, however briefly (a window shown for less than
     * the polling interval can be missed). Windows already there when it started are not reported.
     */
    public static final class Watch implements AutoCloseable {
        private final Set<String> before = new HashSet<>();
        private final Map<String, Window> appeared = new LinkedHashMap<>();
        private final Thread poller;
        private volatile boolean running = true;

        private Watch(Duration interval) {
            windows().forEach(w -> before.add(w.id()));
            poller = new Thread(
                    () -> {
                        while (running) {
                            for (Window window : windows()) {
                                synchronized (appeared) {
                                    if (!before.contains(window.id())) {
                                        appeared.merge(
                                                window.id(),
                                                window,
                                                (old, now) -> old.title().isBlank() ? now : old);
                                    }
                                }
                            }
                            try {
                                Thread.sleep(interval.toMillis());
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "xdisplay-watch");
            poller.setDaemon(true);
            poller.start();
        }

        /** Starts watching, polling every {@code interval}. */
        public static Watch start(Duration interval) {
            return new Watch(interval);
        }

        /** The windows that appeared so far, in order of appearance, with the first non-blank title seen. */
        public List<Window> appeared() {
            synchronized (appeared) {
                return List.copyOf(appeared.values());
            }
        }

        /**
         * Waits (up to {@code timeout}) until the watch has seen {@code window} too, e.g. one just found with
         * {@link #waitForWindow}, so that {@link #appeared()} covers everything up to it; returns
         * {@link #appeared()}.
         */
        public List<Window> appearedUpTo(Window window, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (appeared().stream().noneMatch(w -> w.id().equals(window.id())) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return appeared();
        }

        /** Stops polling; {@link #appeared()} keeps its answer. */
        @Override
        public void close() {
            running = false;
            poller.interrupt();
            try {
                poller.join(COMMAND_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True while the window exists and is visible (mapped). */
    public static boolean isVisible(Window window) {
        Outcome info = run(List.of("xwininfo", "-id", window.id()), COMMAND_TIMEOUT);
        return info.ok() && info.output().contains("Map State: IsViewable");
    }

    /**
     * Raises the window and gives it the X input focus, waiting until the X server reports the focus there.
     * No window manager is needed: a Java (AWT/Swing) window takes keyboard focus through its
     * {@code FocusProxy} child window (measured: focusing the frame itself, or {@code xdotool type --window}
     * with synthetic events, reaches no Swing component), so that child gets the focus when there is one;
     * Swing then gives it to the window's focused component (the last {@code requestFocusInWindow}).
     */
    public static void focus(Window window) {
        run(List.of("xdotool", "windowraise", window.id()), COMMAND_TIMEOUT);
        String target = javaFocusProxy(window);
        Outcome focus = run(
                List.of("xdotool", "windowfocus", "--sync", target == null ? window.id() : target),
                Duration.ofSeconds(10));
        if (!focus.ok()) {
            throw new IllegalStateException("Cannot focus window " + window + ": " + focus);
        }
    }

    /** The id of the {@code FocusProxy} child window AWT gives each Java top-level window, or null. */
    private static String javaFocusProxy(Window window) {
        Outcome tree = run(List.of("xwininfo", "-children", "-id", window.id()), COMMAND_TIMEOUT);
        Matcher proxy = Pattern.compile("^\\s*0x([0-9a-fA-F]+) \"FocusProxy\"", Pattern.MULTILINE)
                .matcher(tree.output());
        return proxy.find() ? Long.toString(Long.parseLong(proxy.group(1), 16)) : null;
    }

    /**
     * Moves the pointer to ({@code x}, {@code y}) inside the window and clicks the left button, as a mouse would.
     */
    public static void click(Window window, int x, int y) {
        check(
                run(
                        List.of(
                                "xdotool",
                                "mousemove",
                                "--window",
                                window.id(),
                                "--sync",
                                Integer.toString(x),
                                Integer.toString(y),
                                "click",
                                "1"),
                        COMMAND_TIMEOUT),
                "xdotool click");
    }

    /**
     * Focuses the window, then presses keys as a keyboard would (XTEST), one after the other, e.g.
     * {@code "Tab"}, {@code "Return"}, {@code "space"}, {@code "alt+c"}, {@code "ctrl+a"}: xdotool key names
     * (X keysyms).
     */
    public static void key(Window window, String... keys) {
        if (keys.length == 0) {
            return;
        }
        focus(window);
        List<String> command = new ArrayList<>(
                List.of("xdotool", "key", "--clearmodifiers", "--delay", Integer.toString(KEY_DELAY_MS)));
        command.addAll(List.of(keys));
        check(run(command, COMMAND_TIMEOUT), "xdotool key");
    }

    /** Focuses the window, then types {@code text} as a keyboard would (into the focused component). */
    public static void type(Window window, String text) {
        focus(window);
        check(
                run(
                        List.of(
                                "xdotool",
                                "type",
                                "--clearmodifiers",
                                "--delay",
                                Integer.toString(KEY_DELAY_MS),
                                "--",
                                text),
                        COMMAND_TIMEOUT.plusMillis((long) KEY_DELAY_MS * text.length())),
                "xdotool type");
    }

    /** Photographs the whole X display to a PNG file (parent directories created); returns it. */
    public static Path screenshot(Path png) {
        return photograph("root", png);
    }

    /** Photographs one window (as the X server shows it, with whatever overlaps it) to a PNG file; returns it. */
    public static Path screenshot(Window window, Path png) {
        return photograph(window.id(), png);
    }

    private static Path photograph(String window, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Outcome outcome =
                run(List.of("import", "-silent", "-window", window, "png:" + png.toAbsolutePath()), COMMAND_TIMEOUT);
        check(outcome, "import -window " + window);
        try (InputStream in = Files.newInputStream(png)) {
            byte[] signature = in.readNBytes(8);
            if (signature.length < 8 || signature[1] != 'P' || signature[2] != 'N' || signature[3] != 'G') {
                throw new IllegalStateException("import did not write a PNG: " + png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("import wrote no file " + png + ": " + outcome, e);
        }
        return png;
    }

    private static String windowName(String id) {
        Outcome name = run(List.of("xdotool", "getwindowname", id), COMMAND_TIMEOUT);
        return name.ok() ? name.output().strip() : "";
    }

    private static String firstLine(String output) {
        for (String line : output.split("\n")) {
            String id = line.strip();
            if (!id.isEmpty() && id.chars().allMatch(Character::isDigit)) {
                return id;
            }
        }
        return null;
    }

    private static void check(Outcome outcome, String what) {
        if (!outcome.ok()) {
            throw new IllegalStateException(what + " failed on " + display() + ": " + outcome);
        }
    }

    /** Runs a command; null when it cannot be started at all (not installed). */
    private static Outcome runQuietly(List<String> command) {
        try {
            return run(command, COMMAND_TIMEOUT);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    /** Runs a command with merged output, killed after {@code timeout}. */
    @SuppressFBWarnings(
            value = "COMMAND_INJECTION",
            justification = "X tools (xdotool, xwininfo, import) run with an argument list, no shell")
    static Outcome run(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Javaws.readInto(process, output);
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            timedOut = true;
        }
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return new Outcome(timedOut ? -1 : process.exitValue(), text, timedOut);
    }
}
