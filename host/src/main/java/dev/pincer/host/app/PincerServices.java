package dev.pincer.host.app;

import dev.pincer.host.channel.Inbox;
import dev.pincer.host.cockpit.Cockpit;
import dev.pincer.host.config.Config;
import dev.pincer.host.events.EventBus;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.pairing.Pairing;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.tasks.TaskService;
import java.util.Map;

/** What a {@link Frontend} (and a test) may use of a running Pincer. */
public interface PincerServices {

    Config config();

    /** Where inbound messages go: stored first, then routed. */
    Inbox inbox();

    MessageStore messages();

    /** The files that came with messages or were sent, and what became of them. */
    dev.pincer.host.media.AttachmentStore attachments();

    GroupRegistry groups();

    TaskService tasks();

    RunLedger runs();

    AuditLog audit();

    /** In-process events for live views (message, typing, run, task, group). */
    EventBus events();

    /** Direct messages from unknown people waiting for the owner's approval. */
    Pairing pairing();

    /** What the dashboard pages read and do: runs, usage, audit, outbox, channels, settings, stop. */
    Cockpit cockpit();

    /** What {@code GET /api/status} shows. */
    Map<String, Object> status();
}
