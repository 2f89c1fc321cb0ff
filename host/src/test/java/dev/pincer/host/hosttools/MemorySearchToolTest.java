package dev.pincer.host.hosttools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.store.AuditLog;
import dev.pincer.protocol.HostResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code memory_search} through real request files: the answer's shape, paths as the caller's sandbox
 * sees them, and that a group other than main finds nothing of another group's and may not ask.
 */
class MemorySearchToolTest {

    @TempDir Path home;
    HostIpcFixture host;

    @BeforeEach
    void start() throws Exception {
        host = new HostIpcFixture(home);
        write("main", "conversations/2026-12-01-trip.md", "# Conversation\n\n## User\n\nThe spare key is under the blue flowerpot.\n");
        write("main", "CLAUDE.md", "# Memory\n\n- The bike lock code is 4711.\n");
        write("family", "notes/recipes/soup.md", "Grandma's soup: leeks, potatoes, and a secret flowerpot herb.\n");
        host.messages.append("web:family", "web", "Family", "f1", "Sam", "Where did we park the spare car key?", false,
                Instant.parse("2026-12-02T10:00:00Z"));
        host.memory.refresh("main");
        host.memory.refresh("family");
        host.serve("main", 100);
        host.serve("family", 100);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private void write(String folder, String path, String text) throws Exception {
        Path file = host.layout.groupDir(folder).resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private JsonNode search(String folder, Map<String, ?> args) throws Exception {
        return HostIpcFixture.data(host.call(folder, "memory_search", args));
    }

    private static List<String> sources(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.path("results").forEach(r -> out.add(r.path("source").asText() + " " + r.path("path").asText(r.path("chat").asText())));
        return out;
    }

    @Test
    void resultsNameTheirSourceAsTheSandboxSeesIt() throws Exception {
        JsonNode key = search("main", Map.of("query", "spare key"));
        assertThat(key.path("ranker").asText()).isEqualTo("bm25");
        assertThat(key.path("match").asText()).isEqualTo("all");
        JsonNode hit = key.path("results").get(0);
        assertThat(hit.path("source").asText()).isEqualTo("conversation");
        assertThat(hit.path("group").asText()).isEqualTo("main");
        assertThat(hit.path("path").asText()).isEqualTo("/workspace/group/conversations/2026-12-01-trip.md");
        assertThat(hit.path("line").asInt()).isEqualTo(5);
        assertThat(hit.path("date").asText()).isEqualTo("2026-12-01");
        assertThat(hit.path("snippet").asText()).contains("The **spare** **key** is under the blue flowerpot");
        assertThat(hit.path("score").asDouble()).isPositive();
        assertThat(key.path("results")).hasSize(1);

        JsonNode memory = search("main", Map.of("query", "bike lock", "limit", 1)).path("results").get(0);
        assertThat(memory.path("source").asText()).isEqualTo("memory");
        assertThat(memory.path("path").asText()).isEqualTo("/workspace/group/CLAUDE.md");
        assertThat(memory.path("line").asInt()).isEqualTo(3);

        JsonNode message = search("family", Map.of("query", "park")).path("results").get(0);
        assertThat(message.path("source").asText()).isEqualTo("message");
        assertThat(message.path("chat").asText()).isEqualTo("web:family");
        assertThat(message.path("seq").asLong()).isEqualTo(1);
        assertThat(message.path("time").asText()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(message.path("sender").asText()).isEqualTo("Sam");
    }

    @Test
    void aGroupFindsNothingOfAnotherGroupsAndMayNotAskForIt() throws Exception {
        assertThat(sources(search("family", Map.of("query", "spare key")))).containsExactly("message web:family");
        JsonNode none = search("family", Map.of("query", "bike lock 4711"));
        assertThat(none.path("results")).isEmpty();
        assertThat(none.path("note").asText()).contains("nothing found");
        assertThat(sources(search("main", Map.of("query", "soup")))).isEmpty();

        long before = host.lastAuditId();
        for (String group : List.of("main", "*", "work")) {
            HostResponse r = host.call("family", "memory_search", Map.of("query", "spare key", "group", group));
            assertThat(r).as(group).isInstanceOfSatisfying(HostResponse.Error.class,
                    e -> assertThat(e.reason()).isEqualTo("refused: group '" + group + "': this group can search only its own memory"));
        }
        assertThat(host.auditAfter(before)).extracting(AuditLog.Entry::verdict).containsExactly("refused", "refused", "refused");
    }

    @Test
    void mainSearchesAnotherGroupOrEveryGroupWithGroup() throws Exception {
        JsonNode family = search("main", Map.of("query", "soup", "group", "family"));
        assertThat(sources(family)).containsExactly("note /workspace/project/groups/family/notes/recipes/soup.md");
        assertThat(sources(search("main", Map.of("query", "flowerpot", "group", "*")))).containsExactlyInAnyOrder(
                "conversation /workspace/group/conversations/2026-12-01-trip.md",
                "note /workspace/project/groups/family/notes/recipes/soup.md");
        assertThat(sources(search("main", Map.of("query", "spare key", "group", "family")))).containsExactly("message web:family");

        long before = host.lastAuditId();
        search("main", Map.of("query", "soup", "group", "family"));
        assertThat(host.auditAfter(before)).singleElement().satisfies(e -> {
            assertThat(e.verdict()).isEqualTo("allowed");
            assertThat(e.detail()).isEqualTo("memory_search: 1 results in family (all words)");
        });
    }

    @Test
    void badArgumentsAreExplained() throws Exception {
        assertThat(error("main", Map.of("query", "soup", "group", "nobody"))).contains("no group uses folder 'nobody'");
        assertThat(error("main", Map.of("query", "  "))).contains("`query` is required");
        assertThat(error("main", Map.of("query", "\" - *"))).contains("no words");
        assertThat(error("main", Map.of("query", "soup", "limit", 0))).contains("`limit` must be from 1 to 50");
        assertThat(error("main", Map.of("query", "soup", "limit", "5"))).contains("`limit` must be a whole number");
    }

    private String error(String folder, Map<String, ?> args) throws Exception {
        HostResponse r = host.call(folder, "memory_search", args);
        assertThat(r).isInstanceOf(HostResponse.Error.class);
        return ((HostResponse.Error) r).reason();
    }
}
