package dev.pincer.host.channel;

/**
 * What the text of an inbound message may be, whatever channel it came through: 1 to
 * {@link #MAX_CHARS} characters of valid Unicode, not only whitespace, no control characters but
 * line breaks and tabs. Line breaks are stored as {@code \n} ({@code \r\n} and {@code \r} become
 * {@code \n}). Each refusal names the problem and where it is.
 */
public final class MessageText {
    public static final int MAX_CHARS = 100_000;
    public static final int MAX_SENDER = 100;

    private MessageText() {}

    /**
     * The text as it is stored.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static String clean(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("message text is empty (or only whitespace)");
        }
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        if (t.length() > MAX_CHARS) {
            throw new IllegalArgumentException("message text is " + t.length() + " characters long; the limit is " + MAX_CHARS);
        }
        String problem = problem(t, "\n\t");
        if (problem != null) {
            throw new IllegalArgumentException("message text " + problem + "; only line breaks and tabs are allowed");
        }
        return t;
    }

    /**
     * A sender's name as it is stored: stripped, "user" when absent, at most {@link #MAX_SENDER}
     * characters, no control characters at all.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static String sender(String sender) {
        if (sender == null || sender.isBlank()) {
            return "user";
        }
        String s = sender.strip();
        if (s.length() > MAX_SENDER) {
            throw new IllegalArgumentException("sender name is longer than " + MAX_SENDER + " characters");
        }
        String problem = problem(s, "");
        if (problem != null) {
            throw new IllegalArgumentException("sender name " + problem);
        }
        return s;
    }

    /** The first unpaired surrogate or control character (other than {@code allowed}), described; or null. */
    private static String problem(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode: an unpaired surrogate " + codePoint(c) + " at character " + (i + 1);
            } else if (Character.getType(c) == Character.CONTROL && allowed.indexOf(c) < 0) {
                return "contains the control character " + codePoint(c) + " at character " + (i + 1);
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
