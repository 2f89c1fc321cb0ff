package dev.pincer.host.app;

import dev.pincer.host.events.EventBus;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.router.Triggers;
import dev.pincer.host.run.FailureNotices;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.StoredMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of the stores for live views: each stored message ({@code message}), each group
 * registered or removed ({@code group}) and each audit entry ({@code audit}), as JSON-ready values.
 */
final class LiveEvents {
    private LiveEvents() {}

    static void wire(EventBus events, MessageStore messages, GroupRegistry groups, AuditLog audit) {
        audit.onRecorded(e -> events.publish("audit", e));
        messages.onAppended(m -> events.publish("message", message(m, groups.byJid(m.chatJid()).orElse(null))));
        groups.onChange((state, g) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("state", state);
            e.put("folder", g.folder());
            e.put("chat", g.jid());
            e.put("name", g.name());
            e.put("trigger", g.trigger().word());
            e.put("requiresTrigger", g.trigger().required());
            events.publish("group", e);
        });
    }

    /**
     * A message as the web API shows it ({@code GET /api/chats/{chat}/messages}); {@code triggers}
     * is null for the assistant's messages and for chats of no group.
     */
    static Map<String, Object> message(StoredMessage m, Group group) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("chat", m.chatJid());
        e.put("seq", m.seq());
        e.put("id", m.id());
        e.put("sender", m.sender().name());
        e.put("text", m.text());
        e.put("fromAssistant", m.sender().assistant());
        e.put("time", m.time().toString());
        e.put("kind", FailureNotices.kindOf(m.text(), m.sender().assistant()));
        e.put("triggers", m.sender().assistant() || group == null ? null : Triggers.triggers(group, m));
        return e;
    }
}
