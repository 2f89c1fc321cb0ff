package dev.pincer.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.ChatId;
import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import java.util.List;

/** {@code GET}/{@code POST /api/groups} and {@code DELETE /api/groups/{folder}}. */
final class GroupsApi {

    /** A group as the API shows it. */
    record GroupView(String chat, String name, String folder, String trigger, boolean requiresTrigger,
                     @JsonProperty("isMain") boolean isMain) {
        static GroupView of(Group g) {
            return new GroupView(g.jid(), g.name(), g.folder(), g.trigger().word(), g.trigger().required(),
                    g.isMain());
        }
    }

    record Groups(List<GroupView> groups) {}

    private final GroupRegistry registry;

    GroupsApi(GroupRegistry registry) {
        this.registry = registry;
    }

    Reply list(Request r) {
        return Reply.json(200, new Groups(registry.all().stream().map(GroupView::of).toList()));
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
