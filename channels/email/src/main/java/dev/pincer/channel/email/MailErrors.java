package dev.pincer.channel.email;

import java.util.ArrayList;
import java.util.List;

/** What went wrong with a mail server, in one line: Jakarta Mail puts the useful part in the causes. */
final class MailErrors {
    private MailErrors() {}

    /** The messages of {@code e} and its causes, each once ({@code failed to connect: Connection refused}). */
    static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m);
            }
        }
        return String.join(": ", parts);
    }
}
