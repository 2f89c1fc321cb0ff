package dev.pincer.host.hosttools;

import static dev.pincer.host.hosttools.Authorization.Target;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.identity.SenderCheck;
import dev.pincer.host.media.OutgoingFiles;
import dev.pincer.host.media.SandboxFiles;
import dev.pincer.host.outbox.Replies;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * What the agent sends to chats while it works. {@code send_message {text, sender?, chat?}} queues a
 * message in the outbox; {@code send_file {path, caption?, sender?, chat?}} queues a file of the group's
 * folder, read by the host through {@link OutgoingFiles} (no links followed, regular files only, size
 * capped). Without {@code chat} it goes to the caller's own chat; only main may name another
 * registered chat. A {@code sender} must pass the {@link SenderCheck} (a role name that is no person's,
 * group's or the assistant's); otherwise the call is refused and nothing is sent.
 */
public final class SendMessage {

    /** Where replies and files are queued. */
    public record Queues(ReplyQueue replies, OutboxStore outbox, Runnable wake) {}

    private final GroupRegistry groups;
    private final Queues queues;
    private final SenderCheck senders;
    private final OutgoingFiles files;
    private final Predicate<String> takesFiles;

    /** @param takesFiles whether the app of a chat can receive files */
    public SendMessage(GroupRegistry groups, Queues queues, SenderCheck senders, OutgoingFiles files,
                       Predicate<String> takesFiles) {
        this.groups = groups;
        this.queues = queues;
        this.senders = senders;
        this.files = files;
        this.takesFiles = takesFiles;
    }

    /** A chat the caller may send to, with the role it speaks as; or why not. */
    private sealed interface To {
        record Chat(String jid, String sender) implements To {}

        record No(Outcome outcome) implements To {}
    }

    private To target(Group caller, Args args, HostTool tool) {
        String chat = args.optional("chat", 256);
        String to = chat == null || chat.isBlank() ? caller.jid() : chat.strip();
        Target target = to.equals(caller.jid()) ? Target.OWN
                : groups.byJid(to).isPresent() ? Target.OTHER_GROUP : Target.NONEXISTENT;
        var verdict = Authorization.decide(HostTools.callerOf(caller), tool, target);
        if (!(verdict instanceof Authorization.Verdict.Allow)) {
            return new To.No(Outcome.of(verdict, "chat '" + to + "'",
                    "chat '" + to + "' is not a registered group's chat; list_groups shows them"));
        }
        SenderCheck.Verdict speaker = senders.check(caller.folder(), to, args.optional("sender", 100));
        if (speaker instanceof SenderCheck.Verdict.Refused r) {
            return new To.No(new Outcome.Refused(r.reason(), r.detail()));
        }
        return new To.Chat(to, speaker instanceof SenderCheck.Verdict.Role r ? r.role() : null);
    }

    Outcome call(Group caller, Args args) {
        String text = Replies.strip(args.required("text", Args.MAX_TEXT));
        if (text.isEmpty()) {
            return new Outcome.Invalid("nothing to send: the text is empty once <internal> parts are removed");
        }
        return switch (target(caller, args, HostTool.SEND_MESSAGE)) {
            case To.No no -> no.outcome();
            case To.Chat to -> {
                long id = queues.replies().send(to.jid(), text, to.sender());
                yield new Outcome.Done(sent(to), "to " + to.jid() + as(to) + " (outbox " + id + ")");
            }
        };
    }

    Outcome file(Group caller, Args args) {
        String path = args.required("path", 4096);
        String given = args.optional("caption", 4000);
        String caption = given == null ? "" : Replies.strip(given);
        return switch (target(caller, args, HostTool.SEND_FILE)) {
            case To.No no -> no.outcome();
            case To.Chat to when !takesFiles.test(to.jid()) -> new Outcome.Invalid("the app of chat '" + to.jid()
                    + "' cannot receive files; send the text, or tell where the file is");
            case To.Chat to -> {
                OutboxStore.FileRow row;
                try {
                    row = files.keep(caller.folder(), path);
                } catch (SandboxFiles.Refused e) {
                    yield new Outcome.Invalid("cannot send " + path + ": " + e.getMessage());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                long id = queues.outbox().enqueueFile(to.jid(), caption, to.sender(), row);
                queues.wake().run();
                yield new Outcome.Done(sent(to).put("name", row.name()).put("bytes", row.size()),
                        row.name() + " (" + row.size() + " bytes) to " + to.jid() + as(to) + " (outbox " + id + ")");
            }
        };
    }

    private static ObjectNode sent(To.Chat to) {
        return Json.MAPPER.createObjectNode().put("sent", true).put("chat", to.jid());
    }

    private static String as(To.Chat to) {
        return to.sender() == null ? "" : " as " + to.sender();
    }
}
