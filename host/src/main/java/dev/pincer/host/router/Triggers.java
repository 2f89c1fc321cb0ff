package dev.pincer.host.router;

import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.StoredMessage;
import java.util.Locale;

/**
 * Trigger rules (docs/DESIGN.md section 3): main answers everything; a group without a required
 * trigger answers every message; others answer a message that starts with the trigger or that
 * mentions the bot through the platform (its mention entity). A group's sender allowlist
 * ({@code senders} in its config) comes first: a message of anyone else never triggers.
 */
public final class Triggers {
    private Triggers() {}

    public static boolean triggers(Group g, StoredMessage m) {
        if (m.sender().assistant() || !GroupConfig.parse(g.config()).allowsSender(m.sender().id())) {
            return false;
        }
        if (g.isMain() || !g.trigger().required() || m.meta().mentionsBot()) {
            return true;
        }
        return startsWithTrigger(g.trigger().word(), m.text());
    }

    /** The rules for a plain message of {@code text} from anyone (tests). */
    static boolean triggers(Group g, String text) {
        return triggers(g, new StoredMessage("-", 0, "-", new StoredMessage.Sender("user", false), text, java.time.Instant.EPOCH));
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
