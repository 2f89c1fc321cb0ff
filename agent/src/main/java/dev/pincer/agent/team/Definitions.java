package dev.pincer.agent.team;

import dev.pincer.agent.Log;
import dev.pincer.protocol.AgentDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent types a run may start: {@code general-purpose} (the default), the global definitions
 * shipped in the protocol jar, and the group's {@code agents/<type>.md}, which override those of
 * the same type. Read again on every lookup, so a definition written during the run is found; a bad
 * file is left out and named in {@link Catalog#problems()}.
 */
public final class Definitions {
    /** The type of a Task call without {@code subagent_type}. */
    public static final String GENERAL = "general-purpose";
    static final AgentDefinition GENERAL_DEFINITION = new AgentDefinition(GENERAL,
            "A general helper for a self-contained piece of work (the default when no type is given).",
            new AgentDefinition.Access(List.of(), false), null, AgentDefinition.Isolation.SHARED,
            "Do the task you are given carefully and completely, then report what you did and found.");
    private static final Log LOG = Log.named("team");
    private static final long MAX_BYTES = 64 * 1024;

    private final Path agentsDir;

    /** @param agentsDir the group's {@code agents/} folder, or null (a teammate sandbox has no group folder) */
    public Definitions(Path agentsDir) {
        this.agentsDir = agentsDir;
    }

    /** The types by name (sorted) and the files that were left out, each with its problem. */
    public record Catalog(Map<String, AgentDefinition> types, List<String> problems) {
        public Catalog {
            types = Collections.unmodifiableMap(new TreeMap<>(types));
            problems = List.copyOf(problems);
        }
    }

    public Catalog load() {
        Map<String, AgentDefinition> types = new TreeMap<>();
        types.put(GENERAL, GENERAL_DEFINITION);
        types.putAll(AgentDefinition.global());
        List<String> problems = new ArrayList<>();
        if (agentsDir != null && Files.isDirectory(agentsDir, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(agentsDir, "*.md")) {
                for (Path file : files) {
                    readGroupFile(file, types, problems);
                }
            } catch (IOException e) {
                problems.add("agents/: cannot be listed (" + e.getMessage() + ")");
            }
        }
        problems.forEach(p -> LOG.warn("agent definition left out: %s", p));
        return new Catalog(types, problems);
    }

    private static void readGroupFile(Path file, Map<String, AgentDefinition> types, List<String> problems) {
        String fileName = file.getFileName().toString();
        String type = fileName.substring(0, fileName.length() - ".md".length());
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("agents/" + fileName + ": not a regular file");
            } else if (Files.size(file) > MAX_BYTES) {
                problems.add("agents/" + fileName + ": larger than " + MAX_BYTES + " bytes");
            } else {
                types.put(type, AgentDefinition.parse(type, Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add("agents/" + fileName + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
