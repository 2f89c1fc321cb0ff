package dev.pincer.web;

import dev.pincer.host.app.PincerServices;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.MessageStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /api/chats}: every chat any channel has seen, registered or not (a chat is registered
 * with {@code POST /api/groups}); {@code GET /api/pairings} and {@code POST /api/pairings/{code}}:
 * direct messages from people waiting for the owner's approval, and approving one.
 */
final class ChatsApi {

    /** A chat as the API shows it; {@code folder} is its group's, or null when it is not registered. */
    record ChatView(String chat, String name, String channel, boolean isGroup, String lastActivity, String folder) {}

    record PairingView(String code, String chat, String sender, String createdAt) {}

    private final PincerServices pincer;

    ChatsApi(PincerServices pincer) {
        this.pincer = pincer;
    }

    Reply list(Request r) {
        Map<String, String> folders = pincer.groups().all().stream().collect(Collectors.toMap(Group::jid, Group::folder));
        List<ChatView> chats = pincer.messages().chats().stream().map(c -> view(c, folders)).toList();
        return Reply.json(200, Map.of("chats", chats));
    }

    private static ChatView view(MessageStore.SeenChat seen, Map<String, String> folders) {
        var c = seen.chat();
        return new ChatView(c.jid(), c.name(), c.channel(), c.group(),
                seen.lastMessageTime() == null ? null : seen.lastMessageTime().toString(), folders.get(c.jid()));
    }

    Reply pairings(Request r) {
        return Reply.json(200, Map.of("pairings", pincer.pairing().waiting().stream()
                .map(p -> new PairingView(p.code(), p.chatJid(), p.senderName(), p.createdAt().toString())).toList()));
    }

    Reply approve(Request r) {
        String code = r.param(0);
        if (!code.matches("[A-Za-z0-9]{4,12}")) {
            throw HttpError.badRequest("a pairing code is 4-12 letters and digits, e.g. K7QF3M");
        }
        Optional<dev.pincer.host.pairing.Pairing.Approved> approved = pincer.pairing().approve(code);
        if (approved.isEmpty()) {
            throw HttpError.notFound("no pairing code '" + code + "' is waiting (unknown, or approved before)");
        }
        Group g = approved.get().group();
        return Reply.json(201, Map.of("chat", g.jid(), "folder", g.folder(), "name", g.name()));
    }
}
