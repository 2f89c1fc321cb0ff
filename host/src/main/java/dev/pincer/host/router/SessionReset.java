package dev.pincer.host.router;

import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.SessionStore;
import dev.pincer.host.store.StoredMessage;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat command {@code /reset}: the group's next run starts a new session. The command (and
 * anything before it still unanswered) is marked handled by moving the group's cursor past it, so
 * no run is given it; the group's live sandbox, which holds the old conversation, is retired; the
 * chat is told. No agent runs.
 *
 * @param retireSandbox asks the group's live sandbox, if any, to close (by folder)
 */
public record SessionReset(SessionStore sessions, GroupStore groups, ReplyQueue replies, Consumer<String> retireSandbox) {
    public static final String COMMAND = "/reset";
    public static final String REPLY = "Started a new session.";
    private static final Logger log = LoggerFactory.getLogger(SessionReset.class);

    /** Whether {@code text} is the command: exactly {@code /reset}, any case, surrounding blanks ignored. */
    public static boolean isCommand(String text) {
        return text != null && text.strip().toLowerCase(Locale.ROOT).equals(COMMAND);
    }

    /** Resets {@code group}'s session in answer to the stored command message. */
    public void reset(Group group, StoredMessage command) {
        if (groups.cursor(group.folder()) >= command.seq()) {
            return; // a redelivered command that was already carried out
        }
        groups.advanceCursor(group.folder(), command.seq());
        sessions.clear(group.folder());
        retireSandbox.accept(group.folder());
        replies.send(group.jid(), REPLY, null);
        log.info("group {}: session reset by {} (message {})", group.folder(), command.sender().name(), command.seq());
    }
}
