package dev.pincer.host.outbox;

import java.util.regex.Pattern;

/** Turns agent output into chat text: {@code <internal>…</internal>} is the agent's own and never sent. */
public final class Replies {
    private Replies() {}

    private static final Pattern INTERNAL = Pattern.compile("<internal>.*?(</internal>|\\z)", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    /** Removes internal blocks (an unclosed one runs to the end) and trims. */
    public static String strip(String text) {
        if (text == null) {
            return "";
        }
        return INTERNAL.matcher(text).replaceAll("").strip();
    }
}
