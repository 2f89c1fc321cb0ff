package dev.pincer.host.store;

import dev.pincer.host.config.GroupFolder;

/**
 * A registered group: a chat Pincer answers in, with its own folder, memory and sandbox.
 *
 * @param jid             the chat id, e.g. {@code web:main} or {@code tg:12345}
 * @param trigger         when a message wakes the assistant
 * @param isMain          the owner's admin group
 * @param config          per-group settings as a JSON object text
 */
public record Group(String folder, String jid, String name, Trigger trigger, boolean isMain, String config) {

    /**
     * @param word     the word that wakes the assistant at the start of a message, e.g. {@code @Andy}
     * @param required false: every message triggers a run
     */
    public record Trigger(String word, boolean required) {
        public Trigger {
            if (word == null || word.isBlank() || word.length() > 100) {
                throw new IllegalArgumentException("a group needs a trigger word (at most 100 characters)");
            }
        }
    }

    public Group {
        GroupFolder.check(folder);
        if (jid == null || jid.isBlank() || jid.length() > 256) {
            throw new IllegalArgumentException("a group needs a chat id (at most 256 characters)");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a group needs a name (at most 200 characters)");
        }
        java.util.Objects.requireNonNull(trigger, "trigger");
        config = config == null || config.isBlank() ? "{}" : config;
    }
}
