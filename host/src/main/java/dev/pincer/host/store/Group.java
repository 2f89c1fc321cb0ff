package dev.pincer.host.store;

import dev.pincer.host.config.GroupFolder;

/**
 * A registered group: a chat Pincer answers in, with its own folder, memory and sandbox.
 *
 * @param jid             the chat id, e.g. {@code web:main} or {@code tg:12345}
 * @param trigger         the word that wakes the assistant, e.g. {@code @Andy}
 * @param requiresTrigger false: every message triggers a run
 * @param isMain          the owner's admin group
 * @param config          per-group settings as a JSON object text
 */
public record Group(String folder, String jid, String name, String trigger, boolean requiresTrigger,
                    boolean isMain, String config) {

    public Group {
        GroupFolder.check(folder);
        if (jid == null || jid.isBlank() || jid.length() > 256) {
            throw new IllegalArgumentException("a group needs a chat id (at most 256 characters)");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a group needs a name (at most 200 characters)");
        }
        if (trigger == null || trigger.isBlank() || trigger.length() > 100) {
            throw new IllegalArgumentException("a group needs a trigger word (at most 100 characters)");
        }
        config = config == null || config.isBlank() ? "{}" : config;
    }
}
