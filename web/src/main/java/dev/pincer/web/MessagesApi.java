package dev.pincer.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.ChatId;
import dev.pincer.host.channel.Inbox;
import dev.pincer.host.channel.MessageText;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.router.Triggers;
import dev.pincer.host.run.FailureNotices;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST} and {@code GET /api/chats/{chat}/messages}: a web chat named {@code chat} is the
 * chat id {@code web:chat}, and only chats of registered groups are served.
 */
final class MessagesApi {

    static final int LIMIT = 500;
    static final double MAX_WAIT_SECONDS = 60;

    /** Accepted: the message's id and its seq in the chat. */
    record Accepted(String id, long seq) {}

    /** A message as the API shows it; {@code time} is ISO-8601 in UTC. */
    record MessageView(long seq, String id, String sender, String text, String time, @JsonUnwrapped Shown shown) {
        static MessageView of(StoredMessage m, Group group) {
            boolean assistant = m.sender().assistant();
            return new MessageView(m.seq(), m.id(), m.sender().name(), m.text(), m.time().toString(),
                    new Shown(assistant, FailureNotices.kindOf(m.text(), assistant), assistant ? null : Triggers.triggers(group, m)));
        }
    }

    /**
     * How the page shows a message: {@code kind} is {@code failure} (a run failed), {@code stopped} (a
     * run was stopped) or null; {@code triggers} whether a user's message is for the assistant (null
     * for the assistant's own).
     */
    record Shown(boolean fromAssistant, String kind, Boolean triggers) {}

    record Messages(List<MessageView> messages) {}

    private final Inbox inbox;
    private final MessageStore messages;
    private final GroupRegistry groups;
    private final ChatSignals signals;

    MessagesApi(Inbox inbox, MessageStore messages, GroupRegistry groups, ChatSignals signals) {
        this.inbox = inbox;
        this.messages = messages;
        this.groups = groups;
        this.signals = signals;
    }

    Reply post(Request r) {
        String name = r.param(0);
        String jid = registeredChat(name);
        ObjectNode body = r.jsonObject();
        String text = Json.string(body, "text");
        if (text == null || text.isBlank()) {
            throw HttpError.badRequest("field 'text' is required and must not be empty or only whitespace");
        }
        StoredMessage stored;
        try {
            String sender = MessageText.sender(Json.string(body, "sender"));
            stored = inbox.accept(Inbound.text(new Inbound.Chat(jid, name, false), new Inbound.Sender(sender, sender, false),
                    UUID.randomUUID().toString(), text, Instant.now()));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return Reply.json(202, new Accepted(stored.id(), stored.seq()));
    }

    Reply get(Request r) throws InterruptedException {
        String jid = registeredChat(r.param(0));
        long after = r.longParam("after", 0);
        double waitSeconds = Math.min(r.secondsParam("wait", 0), MAX_WAIT_SECONDS);
        long deadline = System.nanoTime() + (long) (waitSeconds * 1e9);
        try (ChatSignals.Waiter waiter = signals.listen(jid)) {
            while (true) {
                List<StoredMessage> found = messages.after(jid, after, LIMIT);
                long left = deadline - System.nanoTime();
                if (!found.isEmpty() || left <= 0 || signals.closed()) {
                    Group group = groups.byJid(jid).orElseThrow(() -> HttpError.notFound("chat '" + jid + "' was removed"));
                    return Reply.json(200, new Messages(found.stream().map(m -> MessageView.of(m, group)).toList()));
                }
                waiter.await(Duration.ofNanos(left));
            }
        }
    }

    /** The chat id of a web chat name that belongs to a registered group, or a 400/404 saying what to do. */
    private String registeredChat(String name) {
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
