package dev.pincer.host.spend;

import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.UsageStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people that a budget stopped a run: one short message to the run's chat, and a notice to the
 * main group once per group and day (recorded in the store together with the queued notice, so a
 * restart never repeats it).
 *
 * @param kick wakes the outbox's delivery after something was queued
 */
public record BudgetNotices(UsageStore usage, GroupStore groups, OutboxStore outbox, Runnable kick) {
    private static final Logger log = LoggerFactory.getLogger(BudgetNotices.class);

    /** A call was refused for {@code o}; {@code tellChat} for the run's first refusal. */
    void refused(Overrun o, boolean tellChat) {
        log.warn("group {}: {}", o.folder(), o.forAgent());
        try {
            Optional<Group> group = groups.byFolder(o.folder());
            if (group.isEmpty()) {
                return;
            }
            if (tellChat) {
                outbox.enqueue(group.get().jid(), o.forChat(), null);
            }
            // the main group's own chat already got the message above
            String mainJid = groups.main().filter(m -> !m.folder().equals(o.folder())).map(Group::jid).orElse(null);
            usage.noticeOnce(o.folder(), o.day(), o.kind().setting(), mainJid, o.forMain());
            kick.run();
        } catch (RuntimeException e) {
            log.error("could not tell group {} or the main group about a spent budget", o.folder(), e);
        }
    }
}
