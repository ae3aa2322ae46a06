package org.selfrenewal.card.passcode;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a passcode from the terminal without echo, or from standard input when there is no terminal
 * (scripts, tests). Never from program arguments, which other users of the machine can see. The caller
 * owns the returned array and must wipe it with {@link #wipe(char[])}.
 */
public final class PasscodeInput {

    private static final int MAX_LENGTH = 64;

    private PasscodeInput() {}

    /** Prompts on the console, or reads one line from {@code stdin}. Empty if nothing was typed. */
    public static char[] read(String prompt, InputStream stdin, PrintStream out) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? new char[0] : typed;
        }
        out.print(prompt);
        out.flush();
        return readLine(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    }

    /** Reads up to the end of the line into a char array, never through a String. */
    static char[] readLine(Reader reader) throws IOException {
        char[] buffer = new char[MAX_LENGTH];
        int length = 0;
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (c == '\r') {
                continue;
            }
            if (length == buffer.length) {
                wipe(buffer);
                throw new IOException("The passcode is too long.");
            }
            buffer[length++] = (char) c;
        }
        char[] passcode = Arrays.copyOf(buffer, length);
        wipe(buffer);
        return passcode;
    }

    /** Overwrites the passcode in memory. */
    public static void wipe(char[] passcode) {
        if (passcode != null) {
            Arrays.fill(passcode, '\0');
        }
    }
}
