package dev.pincer.host.router;

import dev.pincer.host.channel.Inbox;
import dev.pincer.host.channel.IncomingMessage;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.StoredMessage;
import java.util.function.Consumer;

/**
 * Inbound messages: stored first; then, if the chat is a registered group, a {@code /reset}
 * command is carried out at once (see {@link SessionReset}) and any other message that triggers
 * the group wakes it. Never blocks the calling channel thread on a run.
 */
public final class Router implements Inbox {

    private final MessageStore messages;
    private final GroupStore groups;
    private final Consumer<String> wakeGroup;
    private final SessionReset reset;

    /** A router without chat commands: {@code /reset} is routed like any other message. */
    public Router(MessageStore messages, GroupStore groups, Consumer<String> wakeGroup) {
        this(messages, groups, wakeGroup, null);
    }

    /** @param reset carries out {@code /reset}; null for a router without chat commands */
    public Router(MessageStore messages, GroupStore groups, Consumer<String> wakeGroup, SessionReset reset) {
        this.messages = messages;
        this.groups = groups;
        this.wakeGroup = wakeGroup;
        this.reset = reset;
    }

    @Override
    public StoredMessage accept(IncomingMessage m) {
        StoredMessage stored = messages.append(m.chatJid(), m.channel(), m.chatName(), m.id(), m.sender(),
                m.text(), false, m.time());
        groups.byJid(m.chatJid()).ifPresent(g -> {
            if (reset != null && SessionReset.isCommand(m.text())) {
                reset.reset(g, stored);
            } else if (Triggers.triggers(g, m.text())) {
                wakeGroup.accept(g.folder());
            }
        });
        return stored;
    }
}
