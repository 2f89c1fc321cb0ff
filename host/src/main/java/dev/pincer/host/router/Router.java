package dev.pincer.host.router;

import dev.pincer.host.channel.ChatId;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Inbox;
import dev.pincer.host.channel.MessageText;
import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.media.MediaIntake;
import dev.pincer.host.pairing.Pairing;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.StoredMessage;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Inbound messages: the bot's own are dropped; every other one is stored first, with its chat
 * recorded (registered or not). Then, in a registered group, {@code /reset} is carried out at once
 * (see {@link SessionReset}) and a message that triggers the group wakes it ({@link Triggers}), once
 * its files are kept ({@link MediaIntake}); a
 * direct message in a chat nobody registered gets a pairing code ({@link Pairing}); other
 * unregistered chats get nothing. Never blocks the calling channel thread on a run.
 *
 * @param reset   carries out {@code /reset}; null for a router without chat commands
 * @param pairing answers unknown direct messages; null: they get nothing
 * @param media   keeps the files of a registered group's messages; null: they are only named in the text
 */
public record Router(MessageStore messages, GroupStore groups, Consumer<String> wakeGroup, SessionReset reset,
                     Pairing pairing, MediaIntake media) implements Inbox {

    /** A router without chat commands, pairing or media. */
    public Router(MessageStore messages, GroupStore groups, Consumer<String> wakeGroup) {
        this(messages, groups, wakeGroup, null, null, null);
    }

    @Override
    public StoredMessage accept(Inbound m) {
        if (m.sender().self()) {
            return null; // the assistant's own words are stored when they are delivered
        }
        String text = text(m);
        var chat = new StoredMessage.Chat(m.chat().id(), m.chat().name(), ChatId.channel(m.chat().id()), m.chat().group());
        var sender = new StoredMessage.Sender(m.sender().id(), senderName(m.sender().name()), false);
        Inbound.Context c = m.context();
        StoredMessage stored = messages.append(chat, m.id(), sender, text,
                new StoredMessage.Meta(c.time(), c.replyToId(), c.threadId(), c.mentionsBot()));
        Optional<Group> group = groups.byJid(chat.jid());
        if (group.isPresent()) {
            Group g = group.get();
            if (reset != null && SessionReset.isCommand(text) && GroupConfig.parse(g.config()).allowsSender(sender.id())) {
                reset.reset(g, stored);
            } else if (media != null && !m.attachments().isEmpty()) {
                // the run waits for the files: they are fetched first, then the group is woken
                media.receive(g, stored, m.attachments(), () -> wakeIfTriggered(g, stored));
            } else {
                wakeIfTriggered(g, stored);
            }
        } else if (pairing != null && Pairing.applies(chat)) {
            pairing.unknownDirectMessage(chat, sender);
        }
        return stored;
    }

    private void wakeIfTriggered(Group g, StoredMessage stored) {
        if (Triggers.triggers(g, stored)) {
            wakeGroup.accept(g.folder());
        }
    }

    /** The text as stored; a message with only attachments says what came (the media work fetches them). */
    static String text(Inbound m) {
        if (m.text().isBlank() && !m.attachments().isEmpty()) {
            return m.attachments().stream()
                    .map(a -> "[" + a.kind().name().toLowerCase(java.util.Locale.ROOT) + (a.name() == null ? "" : ": " + a.name()) + "]")
                    .collect(Collectors.joining(" "));
        }
        return MessageText.clean(m.text());
    }

    /** A display name as stored: no control characters, at most {@link MessageText#MAX_SENDER} characters. */
    static String senderName(String name) {
        String s = name == null ? "" : name.codePoints().filter(cp -> !Character.isISOControl(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (s.isEmpty()) {
            return "user";
        }
        return s.length() <= MessageText.MAX_SENDER ? s : s.substring(0, MessageText.MAX_SENDER);
    }
}
