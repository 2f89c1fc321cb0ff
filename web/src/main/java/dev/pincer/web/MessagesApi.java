package dev.pincer.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.ChatId;
import dev.pincer.host.channel.Inbox;
import dev.pincer.host.channel.MessageText;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.media.Attachment;
import dev.pincer.host.media.AttachmentStore;
import dev.pincer.host.router.Triggers;
import dev.pincer.host.run.FailureNotices;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST} and {@code GET /api/chats/{chat}/messages}: a web chat named {@code chat} is the
 * chat id {@code web:chat}, and only chats of registered groups are served.
 */
record MessagesApi(Inbox inbox, History history, GroupRegistry groups, ChatSignals signals, Uploads uploads) {

    static final int LIMIT = 500;
    static final double MAX_WAIT_SECONDS = 60;

    /** Accepted: the message's id and its seq in the chat. */
    record Accepted(String id, long seq) {}

    /** A message as the API shows it; {@code time} is ISO-8601 in UTC. */
    record MessageView(long seq, String id, String sender, String text, String time, @JsonUnwrapped Shown shown) {
        static MessageView of(StoredMessage m, Group group, List<FileView> attachments) {
            boolean assistant = m.sender().assistant();
            return new MessageView(m.seq(), m.id(), m.sender().name(), m.text(), m.time().toString(),
                    new Shown(assistant, FailureNotices.kindOf(m.text(), assistant), assistant ? null : Triggers.triggers(group, m),
                            attachments));
        }
    }

    /**
     * How the page shows a message: {@code kind} is {@code failure} (a run failed), {@code stopped} (a
     * run was stopped) or null; {@code triggers} whether a user's message is for the assistant (null
     * for the assistant's own); {@code attachments} its files.
     */
    record Shown(boolean fromAssistant, String kind, Boolean triggers, List<FileView> attachments) {}
    /** A file of a message; {@code url} serves it when it was kept, {@code problem} says why not. */
    record FileView(long id, String kind, String name, String type, long size, @JsonUnwrapped Where where) {
        static FileView of(Attachment a) {
            return new FileView(a.id(), a.kind().name().toLowerCase(java.util.Locale.ROOT), a.name(), a.mimeType(),
                    a.stored().size(), new Where(a.available() ? "/api/attachments/" + a.id() : null, a.stored().problem()));
        }
    }

    /** Where a file is served ({@code url}), or why it is not ({@code problem}). */
    record Where(String url, String problem) {}

    record Messages(List<MessageView> messages) {}

    /** The stores a chat's history is read from. */
    record History(MessageStore messages, AttachmentStore attachments) {}

    Reply post(Request r) {
        String name = r.param(0);
        String jid = registeredChat(groups, name);
        ObjectNode body = r.jsonObject();
        String text = Json.string(body, "text");
        List<Inbound.Attachment> files = files(body);
        if ((text == null || text.isBlank()) && files.isEmpty()) {
            throw HttpError.badRequest("field 'text' is required and must not be empty or only whitespace");
        }
        StoredMessage stored;
        try {
            String sender = MessageText.sender(Json.string(body, "sender"));
            stored = inbox.accept(new Inbound(new Inbound.Chat(jid, name, false), new Inbound.Sender(sender, sender, false),
                    UUID.randomUUID().toString(), text == null ? "" : text, new Inbound.Context(null, null, false, Instant.now()),
                    files));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return Reply.json(202, new Accepted(stored.id(), stored.seq()));
    }

    /** The uploads a message names in {@code files}: each must exist (400 otherwise). */
    private List<Inbound.Attachment> files(ObjectNode body) {
        var node = body.get("files");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 10) {
            throw HttpError.badRequest("field 'files' must be a list of at most 10 upload tokens from POST /api/chats/{chat}/files");
        }
        List<Inbound.Attachment> files = new java.util.ArrayList<>();
        for (var t : node) {
            Uploads.Upload u;
            try {
                u = uploads.find(t.asText()).orElseThrow(() -> HttpError.badRequest("no upload '" + HttpError.shown(t.asText())
                        + "' (uploads are kept an hour; upload the file again)"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            files.add(new Inbound.Attachment(kindOf(u.mimeType()), u.name(), u.mimeType(), u.size(), u.token()));
        }
        return files;
    }

    static Inbound.Attachment.Kind kindOf(String mime) {
        String m = mime == null ? "" : mime;
        return m.startsWith("image/") ? Inbound.Attachment.Kind.IMAGE
                : m.startsWith("audio/") ? Inbound.Attachment.Kind.AUDIO
                : m.startsWith("video/") ? Inbound.Attachment.Kind.VIDEO
                : Inbound.Attachment.Kind.DOCUMENT;
    }

    Reply get(Request r) throws InterruptedException {
        String jid = registeredChat(groups, r.param(0));
        long after = r.longParam("after", 0);
        double waitSeconds = Math.min(r.secondsParam("wait", 0), MAX_WAIT_SECONDS);
        long deadline = System.nanoTime() + (long) (waitSeconds * 1e9);
        try (ChatSignals.Waiter waiter = signals.listen(jid)) {
            while (true) {
                List<StoredMessage> found = history.messages().after(jid, after, LIMIT);
                long left = deadline - System.nanoTime();
                if (!found.isEmpty() || left <= 0 || signals.closed()) {
                    Group group = groups.byJid(jid).orElseThrow(() -> HttpError.notFound("chat '" + jid + "' was removed"));
                    return Reply.json(200, new Messages(views(jid, group, found)));
                }
                waiter.await(Duration.ofNanos(left));
            }
        }
    }

    private List<MessageView> views(String jid, Group group, List<StoredMessage> found) {
        Map<String, List<FileView>> files = new java.util.HashMap<>();
        for (Attachment a : history.attachments().of(jid, found.stream().map(StoredMessage::id).toList())) {
            files.computeIfAbsent(a.messageId(), k -> new java.util.ArrayList<>()).add(FileView.of(a));
        }
        return found.stream().map(m -> MessageView.of(m, group, files.getOrDefault(m.id(), List.of()))).toList();
    }

    /** The chat id of a web chat name that belongs to a registered group, or a 400/404 saying what to do. */
    static String registeredChat(GroupRegistry groups, String name) {
        if (!ChatId.WEB_NAME.matcher(name).matches()) {
            throw HttpError.badRequest("invalid chat name '" + HttpError.shown(name)
                    + "': use 1-64 characters a-z, 0-9, '_' or '-', starting with a letter or digit");
        }
        String jid = WebChannel.NAME + ":" + name;
        if (groups.byJid(jid).isEmpty()) {
            throw HttpError.notFound("chat '" + jid + "' is not a registered group; register it first with "
                    + "POST /api/groups {\"chat\":\"" + jid + "\",\"name\":\"...\",\"folder\":\"" + name
                    + "\"} or ask the assistant in the main chat to register it (register_group)");
        }
        return jid;
    }
}
