package dev.pincer.host.team;

import dev.pincer.host.config.Layout;
import dev.pincer.host.media.SandboxFiles;
import dev.pincer.protocol.AgentDefinition;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A teammate type's definition: the group's own {@code agents/<type>.md}, else the global one shipped
 * with Pincer. The group's folder is the sandbox's to write, so its file is read as the host reads any
 * file there ({@link SandboxFiles}: no link followed, a regular file only, size capped, deadline).
 */
record Definitions(Layout layout, SandboxFiles files) {

    /** A definition longer than this is not instructions but an attempt to fill the host's memory. */
    static final int MAX_BYTES = 64 * 1024;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9-]{1,40}");

    /**
     * The definition of {@code type} for group {@code folder}, or empty when there is none.
     *
     * @throws IllegalArgumentException a bad type name, or a definition file that cannot be used, in words for the agent
     */
    Optional<AgentDefinition> find(String folder, String type) throws IOException {
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("`type` must be 1-40 of a-z, 0-9 and '-', not '" + type + "'");
        }
        String name = type + ".md";
        Path file = layout.groupDir(folder).resolve("agents").resolve(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.ofNullable(AgentDefinition.global().get(type));
        }
        SandboxFiles.Read read;
        try {
            read = files.copy(folder, SandboxPaths.GROUP + "/agents/" + name, MAX_BYTES,
                    layout.dataDir().resolve("team").resolve(folder).resolve("staging"));
        } catch (SandboxFiles.Refused e) {
            throw new IllegalArgumentException("agents/" + name + " cannot be read: " + e.getMessage()
                    + " (a definition is a plain file of at most " + MAX_BYTES / 1024 + " KiB)");
        }
        try {
            return Optional.of(AgentDefinition.parse(type, Files.readString(read.copy(), StandardCharsets.UTF_8)));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("agents/" + name + " is not UTF-8 text");
        } finally {
            Files.deleteIfExists(read.copy());
        }
    }

    /** The types every group has (the global definitions), for the agent when it names an unknown one. */
    static String globalTypes() {
        return String.join(", ", new java.util.TreeSet<>(AgentDefinition.global().keySet()));
    }
}
