package dev.pincer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Helpers for scripting sandbox teammates with the fake model: which conversation a model request
 * belongs to, Bash calls, and a host request made by hand from inside a sandbox (written to
 * {@code /workspace/ipc/requests}, its answer waited for and printed), as the agent's host calls do.
 */
final class TeamScript {
    private TeamScript() {}

    static Reply.ToolCall bash(String command) {
        return new Reply.ToolCall("Bash", Map.of("command", command, "timeout", 110_000));
    }

    /** A Bash call that makes host request {@code tool} with {@code args} and prints the answer; {@code marker} rides along in its command line. */
    static Reply.ToolCall hostCall(String tool, Map<String, Object> args, String marker) {
        String id = HostRequest.newId();
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(Map.of("id", id, "tool", tool, "args", args));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (json.contains("'")) {
            throw new IllegalArgumentException("no single quotes in a scripted host call: " + json);
        }
        String r = "/workspace/ipc/requests/" + id + ".json";
        String a = "/workspace/ipc/responses/" + id + ".json";
        return bash("printf '%s' '" + json + "' > " + r + ".tmp && mv " + r + ".tmp " + r
                + " && while [ ! -f " + a + " ]; do sleep 0.2; done; cat " + a + "; : " + marker);
    }

    /** The text of the first user message: which conversation (parent or which teammate) a request is. */
    static String firstUserText(RecordedRequest r) {
        for (JsonNode m : r.messages()) {
            if ("user".equals(m.path("role").asText())) {
                JsonNode c = m.path("content");
                if (c.isTextual()) {
                    return c.asText();
                }
                StringBuilder sb = new StringBuilder();
                c.forEach(b -> sb.append(b.path("text").asText("")).append('\n'));
                return sb.toString();
            }
        }
        return "";
    }

    /** How many model turns of this conversation came before (its assistant messages). */
    static int turn(RecordedRequest r) {
        return (int) r.messages().stream().filter(m -> "assistant".equals(m.path("role").asText())).count();
    }

    /** Writes {@code groups/<folder>/agents/<type>.md}. */
    static void define(Path home, String folder, String type, String frontmatter, String instructions) throws IOException {
        Path agents = Files.createDirectories(home.resolve("groups").resolve(folder).resolve("agents"));
        Files.writeString(agents.resolve(type + ".md"), "---\nname: " + type + "\ndescription: a scripted " + type + "\n" + frontmatter + "---\n" + instructions + "\n");
    }

    /** Writes {@code groups/<folder>/agents/<type>/MEMORY.md}. */
    static void remember(Path home, String folder, String type, String text) throws IOException {
        Path dir = Files.createDirectories(home.resolve("groups").resolve(folder).resolve("agents").resolve(type));
        Files.writeString(dir.resolve("MEMORY.md"), text + "\n");
    }

    /** Waits for the assistant's message {@code text} in {@code chat} after {@code seq} (teammates may speak first). */
    static JsonNode awaitText(Harness h, String chat, long after, String text, java.time.Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long cursor = after;
        java.util.List<String> seen = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (JsonNode m : h.messages(chat, cursor, 10)) {
                cursor = m.get("seq").asLong();
                seen.add(m.get("text").asText());
                if (m.get("fromAssistant").asBoolean() && m.get("text").asText().startsWith(text)) {
                    return m;
                }
            }
        }
        throw new AssertionError("no '" + text + "' in " + chat + " within " + timeout + "; seen " + seen + "; runs: "
                + h.pincer.recentRuns() + "\nrun logs:\n" + h.runLogs());
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
