package dev.pincer.host.router;

import dev.pincer.host.store.Group;
import java.util.Locale;

/** Trigger rules (docs/DESIGN.md section 3): main answers everything; others need the trigger at the start. */
public final class Triggers {
    private Triggers() {}

    public static boolean triggers(Group g, String text) {
        if (g.isMain() || !g.trigger().required()) {
            return true;
        }
        return startsWithTrigger(g.trigger().word(), text);
    }

    /** {@code @Andy hi} and {@code @andy, hi} match {@code @Andy}; {@code @Andyx} and {@code hi @Andy} do not. */
    static boolean startsWithTrigger(String trigger, String text) {
        String t = text.stripLeading().toLowerCase(Locale.ROOT);
        String w = trigger.strip().toLowerCase(Locale.ROOT);
        if (!t.startsWith(w)) {
            return false;
        }
        if (t.length() == w.length()) {
            return true;
        }
        char next = t.charAt(w.length());
        return !Character.isLetterOrDigit(next) && next != '_';
    }
}
