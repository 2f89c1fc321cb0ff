package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Task tool: sub-agents with a fresh context, concurrent in one turn, their reports, usage and transcripts. */
class AgentTeamTest extends AgentRunFixture {

    static boolean isSubAgent(RecordedRequest r, String name) {
        return r.system().startsWith("You are " + name + ", a sub-agent");
    }

    static Reply.ToolCall task(String type, String prompt) {
        return new Reply.ToolCall("Task", Map.of("description", "work of " + type, "prompt", prompt, "subagent_type", type));
    }

    void define(String type, String frontmatter, String body) throws Exception {
        Files.createDirectories(h.group.resolve("agents"));
        Files.writeString(h.group.resolve("agents/" + type + ".md"), "---\n" + frontmatter + "\n---\n" + body + "\n");
    }

    @Test
    void twoSubAgentsInOneTurnRunConcurrentlyAndTheParentGetsBothReports() throws Exception {
        define("alpha", "name: Alpha\ndescription: Looks things up in files.\ntools: [Read, Grep]", "You are thorough.");
        define("beta", "name: Beta\ndescription: Writes summaries.", "You are brief.");
        CountDownLatch bothAsked = new CountDownLatch(2);
        Map<String, Boolean> sawTheOther = new ConcurrentHashMap<>();
        h.fake.respondWith(r -> {
            for (String name : List.of("Alpha", "Beta")) {
                if (isSubAgent(r, name)) {
                    bothAsked.countDown();
                    try {
                        sawTheOther.put(name, bothAsked.await(20, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Reply.text(name + " report on " + r.lastUserText()).usage(7, 3);
                }
            }
            return r.toolResults().isEmpty()
                    ? Reply.toolUses("Splitting the work.", List.of(task("alpha", "find the key"), task("beta", "sum it up"))).usage(100, 10)
                    : Reply.text("Both are back.").usage(100, 10);
        });

        assertThat(h.run(AgentHarness.start("research and summarise", null))).isEqualTo(Agent.OK);

        assertThat(sawTheOther).as("each sub-agent's model call waited for the other's: they ran at the same time")
                .containsEntry("Alpha", true).containsEntry("Beta", true);
        RecordedRequest last = h.fake.lastRequest();
        assertThat(last.toolResults()).hasSize(2);
        assertThat(last.toolResults().get(0).content()).isEqualTo("Alpha report on find the key");
        assertThat(last.toolResults().get(1).content()).isEqualTo("Beta report on sum it up");
        assertThat(last.toolResults()).noneMatch(RecordedRequest.ToolResultView::isError);
        assertThat(h.messages()).containsExactly("Both are back.");
        assertThat(h.result().usage()).as("the parent's two calls and one call of each sub-agent")
                .isEqualTo(new Usage(214, 26, 0, 0));

        RecordedRequest first = h.fake.requests().getFirst();
        assertThat(first.toolNames()).contains("Task");
        assertThat(first.system()).as("the skill that teaches when a team helps")
                .contains("- agent-teams: When to hand work to sub-agents with the Task tool and when not to");
        String taskDescription = first.body().path("tools").toString();
        assertThat(taskDescription).contains("alpha: Looks things up in files.", "beta: Writes summaries.",
                "researcher (runs in a sandbox of its own)", "writer: ", "general-purpose",
                "run at the same time (at most 4 at once).", "A sub-agent stops after 25 model calls or 400000 tokens.");
        RecordedRequest alpha = h.fake.requests().stream().filter(r -> isSubAgent(r, "Alpha")).findFirst().orElseThrow();
        assertThat(alpha.toolNames()).as("its definition's allow list").containsExactly("Read", "Grep");
        assertThat(alpha.system()).contains("You are thorough.", h.group.resolve("agents/alpha/MEMORY.md").toString())
                .doesNotContain("You are brief.");
        assertThat(alpha.messages()).as("a fresh context: only its prompt").hasSize(1);
        RecordedRequest beta = h.fake.requests().stream().filter(r -> isSubAgent(r, "Beta")).findFirst().orElseThrow();
        assertThat(beta.toolNames()).as("the default set: no Bash, no Task").contains("Read", "Write", "Edit", "Grep", "WebFetch")
                .doesNotContain("Bash", "Task", "register_group");
        assertThat(beta.system()).as("Skill is in its default set, so the skills are listed")
                .contains("# Skills", "- schedule-tasks: ");
        assertThat(alpha.system()).as("no Skill tool, no skills").doesNotContain("# Skills");

        List<JsonNode> records = records(h.result().sessionId());
        assertThat(records).extracting(n -> n.path("type").asText()).containsExactlyInAnyOrder("alpha", "beta");
        JsonNode a = records.stream().filter(n -> n.path("type").asText().equals("alpha")).findFirst().orElseThrow();
        JsonNode b = records.stream().filter(n -> n.path("type").asText().equals("beta")).findFirst().orElseThrow();
        assertThat(time(a, "started")).as("the recorded times overlap").isBefore(time(b, "ended"));
        assertThat(time(b, "started")).isBefore(time(a, "ended"));
        assertThat(a.path("outcome").asText()).isEqualTo("finished");
        assertThat(a.path("usage").path("inputTokens").asLong()).isEqualTo(7);
        Path transcript = Path.of(a.path("transcript").asText());
        assertThat(transcript.getParent()).as("beside the parent's transcript")
                .isEqualTo(h.home.resolve("sessions").resolve(h.result().sessionId() + ".agents"));
        assertThat(Files.readString(transcript)).contains("find the key", "Alpha report on find the key");
    }

    @Test
    void aSandboxedTeammateIsStartedThroughTheHostAndItsFailureIsAClearReport() throws Exception {
        try (FakeHost host = new FakeHost(h.ipc, r -> r.args().path("prompt").asText().equals("fail")
                ? new HostResponse.Error(r.id(), "the sandbox could not start")
                : new HostResponse.Ok(r.id(), Json.MAPPER.getNodeFactory().textNode("teammate report")))) {
            h.fake.respondWith(r -> r.toolResults().isEmpty()
                    ? Reply.toolUses(null, List.of(task("researcher", "look it up"), task("researcher", "fail")))
                    : Reply.text("done"));

            assertThat(h.run(AgentHarness.start("go", null))).isEqualTo(Agent.OK);

            var calls = host.calls("start_teammate");
            assertThat(calls).hasSize(2);
            assertThat(calls).extracting(c -> c.args().path("type").asText()).containsOnly("researcher");
            assertThat(calls).extracting(c -> c.args().path("description").asText()).containsOnly("work of researcher");
            var results = h.fake.lastRequest().toolResults();
            assertThat(results.get(0).content()).isEqualTo("teammate report");
            assertThat(results.get(1).isError()).isTrue();
            assertThat(results.get(1).content()).contains("Teammate researcher", "in its own sandbox",
                    "did not finish: the sandbox could not start");
            assertThat(h.fake.requests()).as("no sub-agent ran in this process").hasSize(2);
        }
    }

    @Test
    void anUnknownTypeIsRefusedWithTheListOfTypesAndBadDefinitionsNamed() throws Exception {
        define("broken", "name: Broken", "no description");
        h.fake.enqueue(Reply.toolUses(null, List.of(task("nope", "x"))), Reply.text("ok"));

        assertThat(h.run(AgentHarness.start("go", null))).isEqualTo(Agent.OK);

        var result = h.fake.lastRequest().toolResults().getFirst();
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("there is no agent type 'nope'", "general-purpose, researcher, writer",
                "agents/broken.md: the frontmatter has no 'description'");
    }

    static Instant time(JsonNode record, String field) {
        return Instant.parse(record.path(field).asText());
    }

    List<JsonNode> records(String sessionId) throws Exception {
        Path file = h.home.resolve("sessions").resolve(sessionId + ".agents").resolve("tasks.jsonl");
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(l -> {
                try {
                    return Json.MAPPER.readTree(l);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
