package dev.pincer.host.router;

import dev.pincer.host.channel.Inbox;
import dev.pincer.host.channel.IncomingMessage;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.StoredMessage;
import java.util.function.Consumer;

/**
 * Inbound messages: stored first, then, if the chat is a registered group and the message
 * triggers it, the group is woken. Never blocks the calling channel thread on a run.
 */
public final class Router implements Inbox {

    private final MessageStore messages;
    private final GroupStore groups;
    private final Consumer<String> wakeGroup;

    public Router(MessageStore messages, GroupStore groups, Consumer<String> wakeGroup) {
        this.messages = messages;
        this.groups = groups;
        this.wakeGroup = wakeGroup;
    }

    @Override
    public StoredMessage accept(IncomingMessage m) {
        StoredMessage stored = messages.append(m.chatJid(), m.channel(), m.chatName(), m.id(), m.sender(),
                m.text(), false, m.time());
        groups.byJid(m.chatJid())
                .filter(g -> Triggers.triggers(g, m.text()))
                .ifPresent(g -> wakeGroup.accept(g.folder()));
        return stored;
    }
}
