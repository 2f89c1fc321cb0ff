package dev.pincer.host.run;

import dev.pincer.host.store.Group;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.protocol.RunFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people when a run failed, never silently: one short message in the group's chat for each
 * failed run, and the details in the main group's chat (at most once per group and reason every
 * {@link #MAIN_QUIET}, so an outage does not flood the owner). Every failure is also logged.
 */
public final class FailureNotices {

    private static final Logger log = LoggerFactory.getLogger(FailureNotices.class);
    /** How long the main group is not told the same reason for the same group again. */
    static final Duration MAIN_QUIET = Duration.ofMinutes(10);

    /** How every failure notice in a chat begins (the web app shows such a message as an error card). */
    public static final String PREFIX = "I could not answer.";

    private final ReplyQueue replies;
    private final String mainJid;
    private final Clock clock;
    private final Map<String, Instant> lastToMain = new ConcurrentHashMap<>();

    /** @param mainJid the main group's chat, told the details of failures elsewhere */
    public FailureNotices(ReplyQueue replies, String mainJid, Clock clock) {
        this.replies = replies;
        this.mainJid = mainJid;
        this.clock = clock;
    }

    /** Run {@code runId} of {@code group} failed. */
    public void tell(Group group, String runId, RunFailure failure) {
        String detail = failure.detail() == null ? failure.message() : failure.detail();
        log.warn("run {} of group {} failed ({}): {}", runId, group.folder(), failure.kind().wireName(), detail);
        replies.send(group.jid(), chatText(failure), null);
        if (!group.jid().equals(mainJid) && quietOver(group.folder() + "\n" + failure.kind())) {
            replies.send(mainJid, "A run in " + group.name() + " (" + group.folder() + ") failed: " + detail
                    + " (run " + runId + "; ./pincer logs shows more)", null);
        }
    }

    /** Run {@code runId} of {@code group} was stopped by the operator: the chat hears that its messages stay unanswered. */
    public void stopped(Group group, String runId) {
        log.info("run {} of group {} was stopped by the operator", runId, group.folder());
        replies.send(group.jid(), STOPPED_TEXT, null);
    }

    /** What the chat is told when the operator stopped a run. */
    public static final String STOPPED_TEXT = "Stopped. I will not answer the messages before this; send a new one.";

    /**
     * What a message of the assistant is, for the web app: {@code "failure"} for a failure notice,
     * {@code "stopped"} for the note of a stopped run, else null (a reply).
     */
    public static String kindOf(String text, boolean fromAssistant) {
        if (!fromAssistant || text == null) {
            return null;
        }
        return text.startsWith(PREFIX) ? "failure" : text.equals(STOPPED_TEXT) ? "stopped" : null;
    }

    /** The one short message the chat gets: what happened and what to do. */
    static String chatText(RunFailure f) {
        return PREFIX + " " + f.message() + (f.fix() == null || f.fix().isBlank() ? "" : " " + f.fix());
    }

    private boolean quietOver(String key) {
        Instant now = clock.instant();
        Instant before = lastToMain.get(key);
        if (before != null && Duration.between(before, now).compareTo(MAIN_QUIET) < 0) {
            return false;
        }
        lastToMain.put(key, now);
        return true;
    }
}
