package dev.pincer.host.memory;

import dev.pincer.protocol.WireNamed;

/** Where a passage of memory comes from; the wire name is a result's {@code source} and the index's {@code kind}. */
public enum Source implements WireNamed {
    /** a conversation archived by a compaction: {@code conversations/*.md} */
    CONVERSATION,
    /** a memory file: {@code CLAUDE.md}, {@code agents/<name>/MEMORY.md} */
    MEMORY,
    /** a text file under {@code notes/} */
    NOTE,
    /** a stored chat message */
    MESSAGE;

    static Source of(String wireName) {
        return WireNamed.byWireName(Source.class, wireName)
                .orElseThrow(() -> new IllegalStateException("unknown memory source '" + wireName + "' in the index"));
    }
}
