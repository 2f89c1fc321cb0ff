package dev.pincer.agent;

import static dev.pincer.agent.AgentTeamTest.isSubAgent;
import static dev.pincer.agent.AgentTeamTest.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Depth, turn, token and time limits stop a runaway sub-agent with a clear report; the parent still answers. */
class AgentTeamLimitsTest extends AgentRunFixture {

    @BeforeEach
    void definitions() throws Exception {
        Files.createDirectories(h.group.resolve("agents"));
        Files.writeString(h.group.resolve("agents/looper.md"),
                "---\nname: Looper\ndescription: Delegates forever.\ntasks: true\n---\nAlways delegate.\n");
        Files.writeString(h.group.resolve("agents/runaway.md"),
                "---\nname: Runaway\ndescription: Never stops.\ntools: [Read]\n---\nKeep reading.\n");
        Files.writeString(h.group.resolve("notes.txt"), "some notes");
    }

    /** The parent: one Task of {@code type}, then an answer quoting the report. */
    Reply parent(RecordedRequest r, String type) {
        return r.toolResults().isEmpty() ? Reply.toolUses(null, List.of(task(type, "do it")))
                : Reply.text("parent answers after: " + r.toolResults().getFirst().content());
    }

    @Test
    void theDepthLimitStopsASubAgentThatKeepsDelegating() throws Exception {
        h.fake.respondWith(r -> {
            if (isSubAgent(r, "Looper")) {
                return r.toolResults().isEmpty() ? Reply.toolUses(null, List.of(task("looper", "go deeper")))
                        : Reply.text("looper report: " + r.toolResults().getFirst().content());
            }
            return parent(r, "looper");
        });

        assertThat(h.run(AgentHarness.start("go", null))).isEqualTo(Agent.OK);

        long looperCalls = h.fake.requests().stream().filter(r -> isSubAgent(r, "Looper")).count();
        assertThat(looperCalls).as("depth 1 and depth 2, two calls each").isEqualTo(4);
        assertThat(h.messages()).singleElement().asString()
                .startsWith("parent answers after: looper report: looper report: refused: sub-agents may nest only 2 deep"
                        + " (PINCER_TEAM_DEPTH), and you are a sub-agent at depth 2.");
        assertThat(h.result().ok()).isTrue();
    }

    @Test
    void theTurnLimitStopsASubAgentWithAReportAndTheParentAnswers() throws Exception {
        h.extraEnv.put("PINCER_TEAM_MAX_TURNS", "3");
        h.fake.respondWith(r -> isSubAgent(r, "Runaway")
                ? Reply.toolUse("Read", Map.of("file_path", h.group.resolve("notes.txt").toString()))
                : parent(r, "runaway"));

        assertThat(h.run(AgentHarness.start("go", null))).isEqualTo(Agent.OK);

        assertThat(h.fake.requests().stream().filter(r -> isSubAgent(r, "Runaway")).count()).isEqualTo(3);
        var report = h.fake.lastRequest().toolResults().getFirst();
        assertThat(report.isError()).isTrue();
        assertThat(report.content()).startsWith("Sub-agent Runaway (task-1) stopped without finishing: it used its 3 model"
                + " calls (PINCER_TEAM_MAX_TURNS). Its work so far is in ");
        assertThat(h.messages()).singleElement().asString().startsWith("parent answers after: Sub-agent Runaway");
    }

    @Test
    void theTokenBudgetStopsASubAgentAndItsTokensCountIntoTheRun() throws Exception {
        h.extraEnv.put("PINCER_TEAM_MAX_TOKENS", "1000");
        h.fake.respondWith(r -> isSubAgent(r, "Runaway")
                ? Reply.toolUse("Read", Map.of("file_path", h.group.resolve("notes.txt").toString())).usage(550, 50)
                : parent(r, "runaway").usage(10, 5));

        assertThat(h.run(AgentHarness.start("go", null))).isEqualTo(Agent.OK);

        var report = h.fake.lastRequest().toolResults().getFirst();
        assertThat(report.isError()).isTrue();
        assertThat(report.content()).contains("stopped without finishing: it used 1200 tokens, its budget is 1000"
                + " (PINCER_TEAM_MAX_TOKENS)");
        assertThat(h.result().usage().inputTokens()).as("the parent's 20 and the sub-agent's 1100").isEqualTo(1120);
        assertThat(h.result().usage().outputTokens()).isEqualTo(110);
    }

    @Test
    void theRunsTimeLimitStopsASlowSubAgentInTimeForTheParentToAnswer() throws Exception {
        h.extraEnv.put("PINCER_AGENT_TIMEOUT", "3");
        h.fake.respondWith(r -> {
            if (isSubAgent(r, "Runaway")) {
                return Reply.text("too late").delayMillis(30_000);
            }
            String last = r.toolResults().isEmpty() ? "" : r.toolResults().getFirst().content();
            return last.contains("was stopped") ? Reply.toolUses(null, List.of(task("runaway", "try again")))
                    : parent(r, "runaway");
        });

        assertThat(h.run(AgentHarness.start("go", null))).isEqualTo(Agent.OK);

        var stopped = h.fake.requests().get(h.fake.requests().size() - 2).toolResults().getFirst();
        assertThat(stopped.isError()).isTrue();
        assertThat(stopped.content()).isEqualTo("Sub-agent Runaway (task-1) was stopped: this answer's time limit"
                + " (PINCER_AGENT_TIMEOUT, 3 s) is near. Answer now with what you have.");
        var refused = h.fake.lastRequest().toolResults().getFirst();
        assertThat(refused.content()).as("past the deadline no sub-agent starts").startsWith("refused: this answer's time limit");
        assertThat(h.fake.requests().stream().filter(r -> isSubAgent(r, "Runaway")).count()).isEqualTo(1);
        assertThat(h.messages()).singleElement().asString().startsWith("parent answers after: refused");
        assertThat(h.result().ok()).isTrue();
    }

    @Test
    void theParallelLimitRefusesTheTasksOverIt() throws Exception {
        h.extraEnv.put("PINCER_TEAM_PARALLEL", "1");
        CountDownLatch another = new CountDownLatch(2);
        h.fake.respondWith(r -> {
            if (isSubAgent(r, "Runaway")) {
                another.countDown();
                try {
                    // Holds its slot a while: a second sub-agent would arrive meanwhile if the limit let it start.
                    another.await(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reply.text("runaway report");
            }
            return r.toolResults().isEmpty()
                    ? Reply.toolUses(null, List.of(task("runaway", "one"), task("runaway", "two"), task("runaway", "three")))
                    : Reply.text("done");
        });

        assertThat(h.run(AgentHarness.start("go", null))).isEqualTo(Agent.OK);

        var results = h.fake.lastRequest().toolResults();
        assertThat(results).extracting(RecordedRequest.ToolResultView::content).containsOnly("runaway report",
                "refused: 1 sub-agents are already running, the limit (PINCER_TEAM_PARALLEL). Wait for their reports,"
                        + " then start this one again.");
        assertThat(results).filteredOn(RecordedRequest.ToolResultView::isError).hasSize(2);
        assertThat(h.fake.requests().stream().filter(r -> isSubAgent(r, "Runaway")).count()).isEqualTo(1);
        assertThat(h.messages()).containsExactly("done");
    }
}
