package dev.pincer.host.hosttools;

import static dev.pincer.host.hosttools.Authorization.Target;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.identity.SenderCheck;
import dev.pincer.host.outbox.Replies;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.store.Group;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.Json;

/**
 * {@code send_message {text, sender?, chat?}}: queues a message in the outbox, now, while the
 * agent works on. Without {@code chat} it goes to the caller's own chat; only main may name
 * another registered chat. A {@code sender} must pass the {@link SenderCheck} (a role name that is
 * no person's, group's or the assistant's); otherwise the call is refused and nothing is sent.
 */
public final class SendMessage {

    private final GroupRegistry groups;
    private final ReplyQueue replies;
    private final SenderCheck senders;

    public SendMessage(GroupRegistry groups, ReplyQueue replies, SenderCheck senders) {
        this.groups = groups;
        this.replies = replies;
        this.senders = senders;
    }

    Outcome call(Group caller, Args args) {
        String chat = args.optional("chat", 256);
        String to = chat == null || chat.isBlank() ? caller.jid() : chat.strip();
        Target target = to.equals(caller.jid()) ? Target.OWN
                : groups.byJid(to).isPresent() ? Target.OTHER_GROUP : Target.NONEXISTENT;
        var verdict = Authorization.decide(HostTools.callerOf(caller), HostTool.SEND_MESSAGE, target);
        if (!(verdict instanceof Authorization.Verdict.Allow)) {
            return Outcome.of(verdict, "chat '" + to + "'",
                    "chat '" + to + "' is not a registered group's chat; list_groups shows them");
        }
        String text = Replies.strip(args.required("text", Args.MAX_TEXT));
        if (text.isEmpty()) {
            return new Outcome.Invalid("nothing to send: the text is empty once <internal> parts are removed");
        }
        SenderCheck.Verdict speaker = senders.check(caller.folder(), to, args.optional("sender", 100));
        if (speaker instanceof SenderCheck.Verdict.Refused r) {
            return new Outcome.Refused(r.reason(), r.detail());
        }
        String sender = speaker instanceof SenderCheck.Verdict.Role r ? r.role() : null;
        long id = replies.send(to, text, sender);
        ObjectNode data = Json.MAPPER.createObjectNode().put("sent", true).put("chat", to);
        return new Outcome.Done(data, "to " + to + (sender == null ? "" : " as " + sender) + " (outbox " + id + ")");
    }
}
