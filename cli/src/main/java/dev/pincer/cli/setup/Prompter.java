package dev.pincer.cli.setup;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Questions in the terminal, one line per answer; an empty answer takes the default (or skips), and
 * so does the end of input. Secrets are read without echo when a real terminal is attached. A
 * prompter made with {@link #none} never asks: every question takes its default, as {@code --yes} wants.
 */
public record Prompter(BufferedReader in, PrintWriter out, Console console, boolean asks) {

    /** Asks on {@code in}; secrets go through {@code console} (without echo) when it is not null. */
    public static Prompter asking(InputStream in, PrintWriter out, Console console) {
        return new Prompter(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, console, true);
    }

    /** Never asks. */
    public static Prompter none(PrintWriter out) {
        return new Prompter(null, out, null, false);
    }

    /** The answer, or {@code dflt} for an empty one (null: skipped). */
    public String ask(String question, String dflt) {
        if (!asks) {
            return dflt;
        }
        out.print(question + (dflt == null || dflt.isEmpty() ? "" : " [" + dflt + "]") + ": ");
        out.flush();
        String line = line();
        return line == null || line.isBlank() ? dflt : line.strip();
    }

    /** A yes/no question; the default for an empty answer. */
    public boolean yes(String question, boolean dflt) {
        String a = ask(question + (dflt ? " (Y/n)" : " (y/N)"), null);
        return a == null ? dflt : a.toLowerCase(Locale.ROOT).startsWith("y");
    }

    /** A secret, not echoed on a real terminal; empty when skipped. */
    public Optional<String> secret(String question) {
        if (!asks) {
            return Optional.empty();
        }
        String value;
        if (console != null) {
            char[] chars = console.readPassword("%s: ", question);
            value = chars == null ? null : new String(chars);
        } else {
            out.print(question + ": ");
            out.flush();
            value = line();
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** One answer; without a terminal (input from a pipe or a test), the line break nobody saw typed is printed. */
    private String line() {
        try {
            String line = in.readLine();
            if (console == null) {
                out.println();
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer: " + e.getMessage(), e);
        }
    }
}
