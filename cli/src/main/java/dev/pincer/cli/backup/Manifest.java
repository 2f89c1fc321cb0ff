package dev.pincer.cli.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pincer.protocol.Json;
import java.util.List;

/**
 * What a backup holds, written as {@code manifest.json} at its root: the format, the Pincer version
 * and time it was made at, where from, how much, and what it holds and left out.
 *
 * @param format    {@link #FORMAT}; a restore refuses any other
 * @param createdAt ISO-8601 in UTC
 */
public record Manifest(int format, String pincerVersion, String createdAt, String sourceHome, Counts counts,
                       Contents contents) {

    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";

    /** How many groups, messages and tasks the store holds, and the files and bytes of the folders. */
    public record Counts(long groups, long messages, long tasks, long files, long bytes) {}

    /**
     * @param parts   each part of the archive with a line on what it is
     * @param folders the group folders under {@code groups/}
     * @param secrets whether {@code .env}'s secrets and the channels' state are inside
     * @param leftOut what was not taken, and why (symbolic links, secrets)
     */
    public record Contents(List<String> parts, List<String> folders, boolean secrets, List<String> leftOut) {}

    String json() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest: " + e.getOriginalMessage(), e);
        }
    }

    static Manifest parse(String json) {
        try {
            return Json.MAPPER.readValue(json, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("its manifest.json is not valid (" + e.getOriginalMessage() + ")", e);
        }
    }
}
