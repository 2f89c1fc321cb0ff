package dev.pincer.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.ChatId;
import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.app.PincerServices;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET}/{@code POST /api/groups}, {@code DELETE /api/groups/{folder}} and
 * {@code POST /api/groups/{folder}/stop} (the web app's Stop button).
 */
final class GroupsApi {

    /**
     * A group as the API shows it.
     *
     * @param channel      the channel's prefix of the chat id ({@code web}, {@code tg}, ...)
     * @param lastActivity when the chat's last message was stored (ISO-8601), or null
     * @param sandbox      {@code running}, {@code warm}, {@code closing}, {@code waiting} or {@code idle}
     */
    record GroupView(String chat, String name, String folder, @JsonUnwrapped Rule rule,
                     @JsonProperty("isMain") boolean isMain, @JsonUnwrapped Activity activity) {
        static GroupView of(Group g) {
            return of(g, Activity.NONE);
        }

        static GroupView of(Group g, Activity activity) {
            return new GroupView(g.jid(), g.name(), g.folder(), new Rule(g.trigger().word(), g.trigger().required()),
                    g.isMain(), activity);
        }

        @JsonProperty("channel")
        String channel() {
            int colon = chat.indexOf(':');
            return colon < 0 ? chat : chat.substring(0, colon);
        }
    }

    /** When the group's agent answers: messages with {@code trigger}, or every message. */
    record Rule(String trigger, boolean requiresTrigger) {}

    /** What a group's chat and sandbox are doing. */
    record Activity(String lastActivity, String sandbox) {
        static final Activity NONE = new Activity(null, "idle");
    }

    record Groups(List<GroupView> groups) {}

    private final GroupRegistry registry;
    private final PincerServices pincer;

    GroupsApi(PincerServices pincer) {
        this.registry = pincer.groups();
        this.pincer = pincer;
    }

    Reply list(Request r) {
        Map<String, String> last = new HashMap<>();
        pincer.messages().chats().forEach(c -> {
            if (c.lastMessageTime() != null) {
                last.put(c.chat().jid(), c.lastMessageTime().toString());
            }
        });
        return Reply.json(200, new Groups(registry.all().stream()
                .map(g -> GroupView.of(g, new Activity(last.get(g.jid()), pincer.cockpit().sandbox(g.folder())))).toList()));
    }

    /** Stops the group's working run: 202, or 409 when nothing runs there. */
    Reply stop(Request r) {
        String folder = r.param(0);
        if (!GroupFolder.isValid(folder)) {
            throw HttpError.badRequest(invalidFolder(folder));
        }
        if (registry.byFolder(folder).isEmpty()) {
            throw HttpError.notFound("no group uses folder '" + folder + "'; GET /api/groups lists them");
        }
        if (!pincer.cockpit().stop(folder)) {
            throw HttpError.conflict("nothing is running in group '" + folder + "'");
        }
        return Reply.json(202, Map.of("folder", folder, "stopping", true));
    }

    Reply register(Request r) {
        ObjectNode body = r.jsonObject();
        String chat = Json.requiredString(body, "chat").strip();
        String folder = Json.requiredString(body, "folder");
        String name = Json.string(body, "name");
        String trigger = Json.string(body, "trigger");
        boolean requiresTrigger = Json.bool(body, "requiresTrigger", true);
        GroupConfig config;
        try {
            config = GroupConfig.of(body.get("config"));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        if (Json.bool(body, "isMain", false)) {
            throw HttpError.badRequest("a main group cannot be registered; the main group (web:main) exists from the first start");
        }
        try {
            ChatId.check(chat);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        if (!GroupFolder.isValid(folder)) {
            throw HttpError.badRequest(invalidFolder(folder));
        }
        try {
            Group g = registry.register(new GroupRegistry.NewGroup(chat, folder, name, trigger, requiresTrigger,
                    config.toJson()));
            return Reply.json(201, GroupView.of(g));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        } catch (GroupStore.Conflict e) {
            throw HttpError.conflict(e.getMessage());
        }
    }

    Reply remove(Request r) {
        String folder = r.param(0);
        if (!GroupFolder.isValid(folder)) {
            throw HttpError.badRequest(invalidFolder(folder));
        }
        try {
            if (!registry.remove(folder)) {
                throw HttpError.notFound("no group uses folder '" + folder + "'; GET /api/groups lists them");
            }
        } catch (GroupStore.Conflict e) {
            throw HttpError.conflict(e.getMessage());
        }
        return new Reply.NoContent();
    }

    private static String invalidFolder(String folder) {
        return "invalid group folder '" + HttpError.shown(folder)
                + "': use 1-64 characters a-z, 0-9, '_' or '-', starting with a letter or digit";
    }
}
