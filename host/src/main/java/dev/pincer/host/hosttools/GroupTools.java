package dev.pincer.host.hosttools;

import static dev.pincer.host.hosttools.Authorization.Target;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.MessageStore;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code register_group {chat, name, folder, trigger, requires_trigger}} and {@code list_groups}: main only. */
public record GroupTools(GroupRegistry groups, MessageStore messages) {

    Outcome register(Group caller, Args args) {
        String chat = args.optional("chat", 256);
        chat = chat == null ? "" : chat.strip();
        Group existing = groups.byJid(chat).orElse(null);
        Target target = existing == null ? Target.NONEXISTENT
                : existing.folder().equals(caller.folder()) ? Target.OWN : Target.OTHER_GROUP;
        var verdict = Authorization.decide(HostTools.callerOf(caller), HostTool.REGISTER_GROUP, target);
        if (!(verdict instanceof Authorization.Verdict.Allow)) {
            return Outcome.of(verdict, "chat '" + chat + "'", "chat '" + chat + "' is unknown");
        }
        if (existing != null) {
            return new Outcome.Invalid("chat '" + chat + "' is already registered (folder '" + existing.folder() + "')");
        }
        Group g = groups.register(new GroupRegistry.NewGroup(chat, args.required("folder", 64), args.optional("name", 200),
                args.optional("trigger", 100), args.bool("requires_trigger", true), "{}"));
        return new Outcome.Done(view(g), "registered chat " + chat + " as folder " + g.folder());
    }

    Outcome list(Group caller) {
        var verdict = Authorization.decide(HostTools.callerOf(caller), HostTool.LIST_GROUPS, Target.OWN);
        if (!(verdict instanceof Authorization.Verdict.Allow)) {
            return Outcome.of(verdict, "list_groups", "");
        }
        Map<String, ObjectNode> chats = new LinkedHashMap<>();
        for (Group g : groups.all()) {
            chats.put(g.jid(), view(g));
        }
        for (MessageStore.SeenChat seen : messages.chats()) {
            var c = seen.chat();
            ObjectNode n = chats.computeIfAbsent(c.jid(), jid -> Json.MAPPER.createObjectNode()
                    .put("chat", jid).put("registered", false));
            if (c.name() != null && !n.has("name")) {
                n.put("name", c.name());
            }
            n.put("channel", c.channel()).put("is_group", c.group());
            if (seen.lastMessageTime() != null) {
                n.put("last_message", seen.lastMessageTime().toString());
            }
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        chats.values().forEach(list::add);
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.set("chats", list);
        return new Outcome.Done(data, chats.size() + " chats");
    }

    private static ObjectNode view(Group g) {
        return Json.MAPPER.createObjectNode().put("chat", g.jid()).put("registered", true).put("name", g.name())
                .put("folder", g.folder()).put("trigger", g.trigger().word()).put("requires_trigger", g.trigger().required())
                .put("is_main", g.isMain());
    }
}
