package dev.pincer.host.memory;

import java.util.Arrays;

/** Where a passage of memory comes from; the wire name is a result's {@code source}. */
public enum Source {
    /** a conversation archived by a compaction: {@code conversations/*.md} */
    CONVERSATION("conversation"),
    /** a memory file: {@code CLAUDE.md}, {@code agents/<name>/MEMORY.md} */
    MEMORY("memory"),
    /** a text file under {@code notes/} */
    NOTE("note"),
    /** a stored chat message */
    MESSAGE("message");

    private final String wireName;

    Source(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Source of(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown memory source '" + wireName + "' in the index"));
    }
}
