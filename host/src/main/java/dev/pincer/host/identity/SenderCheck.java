package dev.pincer.host.identity;

import dev.pincer.host.config.Layout;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.protocol.AgentDefinition;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an agent may speak under a {@code sender} name ({@code send_message} and output
 * {@code message} files). The name must be a valid role name ({@link RoleNames#isValid}) and must
 * not look like ({@link RoleNames#skeleton}) the assistant's own name, the name or folder of any
 * registered group, or the name of any person seen in the chat the message goes to. When the
 * group defines sub-agents ({@code groups/<folder>/agents/<type>.md}) it must be one of their types or
 * of the global types shipped with Pincer.
 * People then see it as the assistant's sub-agent ({@code dev.pincer.host.channel.Speaker}).
 */
public record SenderCheck(String assistantName, Layout layout, GroupStore groups, MessageStore messages) {

    /** The decision. */
    public sealed interface Verdict {
        /** No sender: the assistant speaks. */
        record Assistant() implements Verdict {}

        /** Speak as the sub-agent {@code role} (tidied, or spelled as its definition). */
        record Role(String role) implements Verdict {}

        /**
         * Refused. {@code reason} is for the agent; it never says which person or group a name
         * belongs to, so refusals are no oracle. {@code detail} is for the audit log.
         */
        record Refused(String reason, String detail) implements Verdict {}
    }

    private static final String TAKEN = "it is, or looks like, the name of a person in the chat, of a group or of the"
            + " assistant itself; sub-agents speak under role names such as 'researcher' (leave sender out to speak"
            + " as the assistant)";

    /** Checks {@code sender} for a message of group {@code folder} to chat {@code chatJid}. */
    public Verdict check(String folder, String chatJid, String sender) {
        if (sender == null || sender.isBlank()) {
            return new Verdict.Assistant();
        }
        String name = RoleNames.tidy(sender);
        if (!RoleNames.isValid(name)) {
            String reason = "sender '" + shown(name) + "' is not a role name: use 1-" + RoleNames.MAX_LENGTH
                    + " letters (of one script), digits, spaces, '-' or '_', e.g. 'researcher'";
            return new Verdict.Refused(reason, reason);
        }
        String key = RoleNames.skeleton(name);
        Optional<String> taken = takenBy(key, chatJid);
        if (taken.isPresent()) {
            return new Verdict.Refused("sender '" + name + "' is not allowed: " + TAKEN,
                    "sender '" + name + "' looks like " + taken.get());
        }
        Optional<Set<String>> types;
        try {
            types = AgentDefinitions.of(layout.groupDir(folder));
        } catch (IOException e) {
            String reason = "sender '" + name + "' cannot be checked: the group's agents/ folder is unusable ("
                    + e.getMessage() + "); make it a plain folder of <type>.md files";
            return new Verdict.Refused(reason, reason);
        }
        if (types.isEmpty()) {
            return new Verdict.Role(name);
        }
        Set<String> known = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        known.addAll(types.get());
        known.addAll(AgentDefinition.GLOBAL_TYPES); // the global types every group has (a sandbox teammate's name)
        return known.stream().filter(t -> t.equalsIgnoreCase(name)).findFirst()
                .<Verdict>map(Verdict.Role::new)
                .orElseGet(() -> {
                    String reason = "sender '" + name + "' is not one of this group's agents (" + String.join(", ", known)
                            + "; defined in agents/<type>.md)";
                    return new Verdict.Refused(reason, reason);
                });
    }

    /** Whose name {@code key} is the skeleton of, if anyone's. */
    private Optional<String> takenBy(String key, String chatJid) {
        if (RoleNames.skeleton(assistantName).equals(key)) {
            return Optional.of("the assistant's name");
        }
        for (Group g : groups.all()) {
            if (RoleNames.skeleton(g.name()).equals(key) || RoleNames.skeleton(g.folder()).equals(key)) {
                return Optional.of("the group '" + g.folder() + "'");
            }
        }
        for (String person : messages.humanSenders(chatJid)) {
            if (RoleNames.skeleton(person).equals(key)) {
                return Optional.of("the person '" + person + "' in " + chatJid);
            }
        }
        return Optional.empty();
    }

    /** A refused name as it can be shown: invisible characters made visible, at most 40 characters. */
    private static String shown(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> {
            if (RoleNames.invisible(c)) {
                out.append(String.format("<U+%04X>", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > 40 ? out + "..." : out.toString();
    }
}
