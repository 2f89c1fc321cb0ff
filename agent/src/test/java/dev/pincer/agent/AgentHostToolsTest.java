package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.hostcalls.HostClient;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host tools on the agent's side: request files out, response files in, errors the model sees. */
class AgentHostToolsTest extends AgentRunFixture {
    Path requests;
    Path responses;
    final List<HostRequest> seen = new CopyOnWriteArrayList<>();
    Thread host;

    @BeforeEach
    void setUp() throws Exception {
        requests = Files.createDirectories(h.ipc.resolve("requests"));
        responses = Files.createDirectories(h.ipc.resolve("responses"));
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.interrupt();
        }
    }

    /** A stand-in host: answers send_message with ok and everything else with a refusal. */
    private void startHost() {
        host = Thread.ofVirtual().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (Path p : IpcFiles.list(requests)) {
                        HostRequest r = Json.MAPPER.readValue(IpcFiles.read(p), HostRequest.class);
                        assertThat(p.getFileName().toString()).isEqualTo(r.id() + ".json");
                        seen.add(r);
                        HostResponse answer = r.tool().equals("send_message")
                                ? new HostResponse.Ok(r.id(), Json.MAPPER.createObjectNode().put("sent", true))
                                : new HostResponse.Error(r.id(), "refused: only the main group can register groups");
                        IpcFiles.write(responses, HostRequest.fileName(r.id()), answer);
                        Files.delete(p);
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void hostToolsGoThroughTheFoldersAndRefusalsAreToolErrors() throws Exception {
        startHost();
        h.fake.enqueue(Reply.toolUses("Trying.", List.of(
                        new Reply.ToolCall("send_message", Map.of("text", "hi main", "chat", "web:main")),
                        new Reply.ToolCall("register_group", Map.of("chat", "web:x", "name", "X", "folder", "x")))),
                Reply.text("done"));

        assertThat(h.run(AgentHarness.start("go", null))).isEqualTo(Agent.OK);

        RecordedRequest first = h.fake.requests().get(0);
        assertThat(first.toolNames()).contains("send_message", "schedule_task", "list_tasks", "pause_task", "resume_task",
                "cancel_task", "update_task", "register_group", "list_groups", "memory_search");
        assertThat(first.body().path("tools").toString()).as("every host tool is offered").contains(
                java.util.Arrays.stream(dev.pincer.protocol.HostTool.values())
                        .filter(t -> t != dev.pincer.protocol.HostTool.START_TEAMMATE)
                        .map(t -> "\"" + t.wireName() + "\"").toList());
        assertThat(first.toolNames()).as("start_teammate is reached through Task").contains("Task").doesNotContain("start_teammate");
        var results = h.fake.lastRequest().toolResults();
        assertThat(results.get(0).isError()).isFalse();
        assertThat(results.get(0).content()).contains("\"sent\" : true");
        assertThat(results.get(1).isError()).isTrue();
        assertThat(results.get(1).content()).contains("refused: only the main group can register groups");
        assertThat(seen).extracting(HostRequest::tool).containsExactlyInAnyOrder("send_message", "register_group");
        JsonNode args = seen.stream().filter(r -> r.tool().equals("send_message")).findFirst().orElseThrow().args();
        assertThat(args.path("chat").asText()).isEqualTo("web:main");
        assertThat(responses).isEmptyDirectory();
    }

    @Test
    void noAnswerInTimeIsAnErrorAndTheRequestIsWithdrawn() throws Exception {
        HostClient client = new HostClient(h.ipc, Duration.ofMillis(300));
        long start = System.nanoTime();
        HostResponse r = client.call("list_tasks", Json.MAPPER.createObjectNode());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThat(r).isInstanceOfSatisfying(HostResponse.Error.class,
                e -> assertThat(e.reason()).contains("did not answer"));
        assertThat(requests).isEmptyDirectory();
    }

    @Test
    void withoutTheRequestFoldersThereAreNoHostTools() throws Exception {
        Files.delete(requests);
        h.fake.enqueue(Reply.text("hi"));
        h.run(AgentHarness.start("hello", null));
        assertThat(h.fake.lastRequest().toolNames()).doesNotContain("send_message");
    }
}
