package dev.pincer.agent.team;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.agent.Log;
import dev.pincer.protocol.AgentDefinition;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * The record of a run's sub-agents: one JSON line per ended sub-agent in {@code tasks.jsonl} beside
 * their transcripts ({@code id, type, name, description, isolation, depth, started, ended, outcome,
 * usage, transcript}), so the run log and later readers see who ran when and how it ended.
 */
final class TaskRecords {
    static final String FILE = "tasks.jsonl";
    private static final Log LOG = Log.named("team");

    private TaskRecords() {}

    /** A sub-agent that began. */
    record Started(String id, String type, AgentDefinition definition, String description, int depth, Instant at) {}

    /** Appends the line of a sub-agent that ended; a record that cannot be written is logged, not fatal. */
    static synchronized void ended(Path folder, Started s, TaskReport report) {
        ObjectNode line = Json.MAPPER.createObjectNode()
                .put("id", s.id()).put("type", s.type()).put("name", s.definition().name())
                .put("description", s.description())
                .put("isolation", s.definition().isolation().name().toLowerCase(Locale.ROOT))
                .put("depth", s.depth()).put("started", s.at().toString()).put("ended", Instant.now().toString())
                .put("outcome", report.outcome()).put("transcript", report.transcript());
        line.set("usage", Json.MAPPER.valueToTree(report.usage()));
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(FILE), Json.MAPPER.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            LOG.warn("cannot record sub-agent %s in %s: %s", s.id(), folder.resolve(FILE), e.getMessage());
        }
    }
}
