package dev.pincer.host.memory;

/** What one search may see; the caller (the host tool, the operator's command) decides which. */
public sealed interface Scope {

    /** One group: the files in its folder and the messages of its chat. */
    record Group(String folder, String chatJid) implements Scope {}

    /** Every group's files and every chat's messages. */
    record Everything() implements Scope {}
}
