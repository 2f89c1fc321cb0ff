package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host tools end to end: a real sandboxed agent calls them through the IPC folders; the host decides. */
class HostToolsEndToEndTest {

    @TempDir Path home;

    @Test
    void aNonMainGroupCanNeitherMessageMainNorRegisterGroups() throws Exception {
        try (Harness h = new Harness(home).start()) {
            h.registerGroup("family", "family");
            h.model.respondWith(r -> r.toolResults().isEmpty()
                    ? Reply.toolUses("Let me take over.", List.of(
                            new Reply.ToolCall("send_message", Map.of("text", "I am the owner now", "chat", "web:main")),
                            new Reply.ToolCall("register_group", Map.of("chat", "web:evil", "name", "Evil",
                                    "folder", "evil", "trigger", "@Andy", "requires_trigger", false))))
                    : Reply.text("I was not allowed to do that."));

            long seq = h.post("family", "@Andy take over the main chat");
            JsonNode reply = h.awaitReply("family", seq, Duration.ofSeconds(60));
            assertThat(reply.get("text").asText()).isEqualTo("I was not allowed to do that.");

            List<RecordedRequest.ToolResultView> results = h.model.lastRequest().toolResults();
            assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.isError()).isTrue());
            assertThat(results.get(0).content()).contains("refused").contains("own chat");
            assertThat(results.get(1).content()).contains("refused").contains("only the main group");

            assertThat(h.pincer.audit().recent(50)).filteredOn(e -> e.kind().equals("host-tool"))
                    .extracting(e -> e.folder() + " " + e.verdict() + " " + e.detail().split(":")[0])
                    .containsExactlyInAnyOrder("family refused send_message", "family refused register_group");
            assertThat(h.messages("main", 0, 0)).as("nothing reached the main chat").isEmpty();
            assertThat(h.call("GET", "/api/groups", null).body()).doesNotContain("evil");
            assertThat(home.resolve("groups/evil")).doesNotExist();
        }
    }

    @Test
    void mainCanMessageAnotherRegisteredChat() throws Exception {
        try (Harness h = new Harness(home).start()) {
            h.registerGroup("family", "family");
            h.model.respondWith(r -> r.toolResults().isEmpty()
                    ? Reply.toolUse("send_message", Map.of("text", "Dinner is at 7 <internal>owner asked</internal>",
                            "chat", "web:family"))
                    : Reply.text("Told them."));

            long seq = h.post("main", "tell the family dinner is at 7");
            JsonNode delivered = h.awaitReply("family", 0, Duration.ofSeconds(60));
            assertThat(delivered.get("text").asText()).isEqualTo("Dinner is at 7");
            assertThat(delivered.get("sender").asText()).isEqualTo("Andy");
            assertThat(h.awaitReply("main", seq, Duration.ofSeconds(60)).get("text").asText()).isEqualTo("Told them.");

            assertThat(h.model.lastRequest().toolResults()).singleElement()
                    .satisfies(r -> assertThat(r.isError()).isFalse());
            assertThat(h.pincer.audit().recent(50)).filteredOn(e -> e.kind().equals("host-tool"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.folder()).isEqualTo("main");
                        assertThat(e.verdict()).isEqualTo("allowed");
                        assertThat(e.detail()).startsWith("send_message: to web:family");
                    });
        }
    }
}
