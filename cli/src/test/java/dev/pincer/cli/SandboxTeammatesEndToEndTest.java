package dev.pincer.cli;

import static dev.pincer.cli.TeamScript.args;
import static dev.pincer.cli.TeamScript.bash;
import static dev.pincer.cli.TeamScript.hostCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.RecordedRequest.ToolResultView;
import dev.pincer.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolated teammates (docs/SECURITY.md, "Isolated teammates") with real bwrap sandboxes and the fake
 * model: the group's agent starts two {@code isolation: sandbox} teammates at once through the host
 * tool {@code start_teammate}, and commands run from inside each teammate's sandbox show what it can
 * and cannot reach; host calls a teammate may not make are refused; nesting stops at the depth limit.
 */
class SandboxTeammatesEndToEndTest {

    @TempDir Path home;

    private static final String SANDBOX = "isolation: sandbox\n";

    @Test
    void twoTeammatesRunAtOnceEachSeeingOnlyItsMemoryAndTheSharedScratch() throws Exception {
        TeamScript.define(home, "main", "spy-a", SANDBOX + "tools: [Bash, send_message]\n", "You look around.");
        TeamScript.define(home, "main", "spy-b", SANDBOX + "tools: [Bash]\n", "You look around too.");
        TeamScript.remember(home, "main", "spy-a", "spy-a remembers: the owl");
        TeamScript.remember(home, "main", "spy-b", "spy-b remembers: the fox");
        try (Harness h = new Harness(home).start()) {
            Files.writeString(home.resolve("groups/main/secret-plan.md"), "the group's secret plan\n");
            String hostA = home.resolve("data/team/main/memory/spy-a/MEMORY.md").toString();
            h.model.respondWith(r -> {
                String who = TeamScript.firstUserText(r);
                int turn = TeamScript.turn(r);
                if (who.contains("SPY-A")) {
                    return turn == 0 ? Reply.toolUses("Looking.", List.of(
                            bash("cat /workspace/memory/MEMORY.md; echo 'spy-a learned: the gate code' >> /workspace/memory/MEMORY.md;"
                                    + " echo from-a > /workspace/scratch/from-a.txt; pwd"),
                            bash("ls /workspace; ls /workspace/group 2>&1; cat " + home.resolve("groups/main/secret-plan.md") + " 2>&1"),
                            bash("for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done; : TEAMMATE-MARKER"),
                            new Reply.ToolCall("send_message", Map.of("text", "hello from the first spy", "sender", "Owner"))))
                            : Reply.text("Report of spy-a: all looked at.");
                }
                if (who.contains("SPY-B")) {
                    return turn == 0 ? Reply.toolUses("Looking too.", List.of(
                            bash("for i in $(seq 100); do [ -f /workspace/scratch/from-a.txt ] && break; sleep 0.2; done;"
                                    + " cat /workspace/scratch/from-a.txt"),
                            bash("cat /workspace/memory/MEMORY.md; find / -name MEMORY.md -not -path '/proc/*' 2>/dev/null;"
                                    + " cat " + hostA + " 2>&1; cat /workspace/group/agents/spy-a/MEMORY.md 2>&1"),
                            hostCall("register_group", args("chat", "web:evil", "folder", "evil", "name", "Evil"), "B1"),
                            hostCall("start_teammate", args("type", "spy-a", "prompt", "SPY-A again"), "B2"),
                            hostCall("send_message", args("text", "B speaks"), "B3"),
                            hostCall("send_file", args("path", "/workspace/group/secret-plan.md"), "B4")))
                            : Reply.text("Report of spy-b: done.");
                }
                return turn == 0 ? Reply.toolUses("Asking the team.", List.of(
                        hostCall("start_teammate", args("type", "spy-a", "description", "look", "prompt", "SPY-A: look around"),
                                "PARENT-MARKER"),
                        hostCall("start_teammate", args("type", "spy-b", "prompt", "SPY-B: look around"), "PARENT-MARKER"),
                        hostCall("start_teammate", args("type", "nobody", "prompt", "who?"), "PARENT-MARKER")))
                        : Reply.text("Team done.");
            });

            long seq = h.post("main", "find out what the team can see");
            JsonNode reply = TeamScript.awaitText(h, "main", seq, "Team done.", Duration.ofSeconds(150));
            assertThat(reply.get("text").asText()).isEqualTo("Team done.");

            List<ToolResultView> parent = last(h, "find out").toolResults();
            assertThat(parent).hasSize(3);
            assertThat(parent.get(0).content()).contains("\"type\":\"ok\"").contains("Report of spy-a: all looked at.");
            assertThat(parent.get(1).content()).contains("\"type\":\"ok\"").contains("Report of spy-b: done.");
            assertThat(parent.get(2).content()).contains("\"type\":\"error\"").contains("no teammate type 'nobody'");

            List<ToolResultView> a = last(h, "SPY-A: look").toolResults();
            assertThat(a.get(0).content()).contains("spy-a remembers: the owl").contains("/workspace/scratch")
                    .doesNotContain("fox");
            assertThat(a.get(1).content()).contains("ipc").contains("memory").contains("scratch")
                    .contains("cannot access '/workspace/group': No such file or directory")
                    .contains("secret-plan.md: No such file or directory")
                    .doesNotContain("secret plan");
            assertThat(a.get(2).content()).as("its own processes only: not the parent's").contains("TEAMMATE-MARKER")
                    .doesNotContain("PARENT-MARKER");
            assertThat(a.get(3).isError()).as(a.get(3).content()).isFalse();

            List<ToolResultView> b = last(h, "SPY-B: look").toolResults();
            assertThat(b.get(0).content()).as("the scratch folder is the run's, shared").contains("from-a");
            assertThat(b.get(1).content()).contains("spy-b remembers: the fox").contains("/workspace/memory/MEMORY.md")
                    .doesNotContain("owl").doesNotContain("gate code").contains("No such file or directory");
            assertThat(b.get(2).content()).contains("refused").contains("never register groups");
            assertThat(b.get(3).content()).contains("refused").contains("does not delegate");
            assertThat(b.get(4).content()).contains("refused").contains("does not list it");
            assertThat(b.get(5).content()).contains("refused").contains("cannot send files");

            assertThat(home.resolve("groups/main/agents/spy-a/MEMORY.md")).as("given back, with what it learned")
                    .content().contains("the owl").contains("spy-a learned: the gate code");
            assertThat(home.resolve("groups/main/agents/spy-b/MEMORY.md")).content().contains("the fox");
            assertThat(h.messages("main", seq, 0)).filteredOn(m -> m.get("text").asText().equals("hello from the first spy"))
                    .singleElement().satisfies(m -> assertThat(m.get("sender").asText()).endsWith("spy-a"));
            assertThat(h.messages("main", seq, 0)).noneMatch(m -> m.get("text").asText().equals("B speaks"));
            assertThat(home.resolve("groups/evil")).doesNotExist();
            assertThat(h.pincer.audit().recent(200)).filteredOn(e -> e.kind().equals("host-tool") && e.verdict().equals("refused"))
                    .extracting(e -> e.detail()).anyMatch(d -> d.startsWith("register_group: teammate spy-b-"))
                    .anyMatch(d -> d.startsWith("start_teammate: teammate spy-b-") && d.contains("does not delegate"))
                    .anyMatch(d -> d.startsWith("send_file: teammate spy-b-"));

            String runId = h.pincer.recentRuns().stream().filter(r -> r.folder().equals("main")).findFirst().orElseThrow().id();
            assertThat(h.pincer.usage().run(runId).calls()).as("the teammates' model calls count for the run").isGreaterThanOrEqualTo(6);
            try (Stream<Path> logs = Files.list(home.resolve("logs/runs/main"))) {
                assertThat(logs.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.startsWith("team-") && n.contains("-" + runId.substring(0, 8) + "-spy-a-"))
                        .anyMatch(n -> n.startsWith("team-") && n.contains("-" + runId.substring(0, 8) + "-spy-b-"));
            }
        }
    }

    @Test
    void teammatesNestOnlyTwoDeep() throws Exception {
        TeamScript.define(home, "main", "boss", SANDBOX + "tools: [Bash]\ntasks: true\n", "You delegate.");
        try (Harness h = new Harness(home).start()) {
            h.model.respondWith(r -> {
                String who = TeamScript.firstUserText(r);
                int turn = TeamScript.turn(r);
                if (turn > 0) {
                    return Reply.text("level report: " + r.toolResults().get(0).content());
                }
                for (int level = 1; level <= 3; level++) {
                    if (who.contains("BOSS-LEVEL-" + level)) {
                        return Reply.toolUse("Bash", hostCall("start_teammate",
                                args("type", "boss", "prompt", "BOSS-LEVEL-" + (level + 1)), "L" + level).input());
                    }
                }
                return Reply.toolUse("Bash", hostCall("start_teammate", args("type", "boss", "prompt", "BOSS-LEVEL-1"), "L0").input());
            });

            long seq = h.post("main", "delegate all the way down");
            JsonNode reply = TeamScript.awaitText(h, "main", seq, "level report:", Duration.ofSeconds(150));

            assertThat(reply.get("text").asText()).as(h.runLogs()).startsWith("level report:")
                    .contains("nest only 2 deep");
            assertThat(h.model.requests()).noneMatch(r -> TeamScript.firstUserText(r).contains("BOSS-LEVEL-3"));
            assertThat(h.pincer.audit().recent(100)).filteredOn(e -> e.kind().equals("host-tool") && e.verdict().equals("refused"))
                    .singleElement().satisfies(e -> assertThat(e.detail()).contains("depth 2"));
        }
    }

    @Test
    void theParentsTaskToolRunsTwoSandboxTeammatesAtOnceAndGetsTheirReports() throws Exception {
        TeamScript.define(home, "main", "scout", SANDBOX + "tools: [Bash, Read, Write]\n", "You scout and report.");
        TeamScript.remember(home, "main", "scout", "scouts know: the north path");
        try (Harness h = new Harness(home).start()) {
            h.model.respondWith(r -> {
                String who = TeamScript.firstUserText(r);
                int turn = TeamScript.turn(r);
                for (String[] me : new String[][] {{"SCOUT-A", "a", "b"}, {"SCOUT-B", "b", "a"}}) {
                    if (who.contains(me[0])) {
                        // each waits until the other has started: both see both files only if they ran at the same time
                        return turn == 0 ? Reply.toolUse("Bash", bash("touch /workspace/scratch/" + me[1] + "-here; for i in"
                                + " $(seq 150); do [ -f /workspace/scratch/" + me[2] + "-here ] && break; sleep 0.2; done;"
                                + " ls /workspace/scratch; cat /workspace/memory/MEMORY.md").input())
                                : Reply.text("Scout " + me[1] + " saw: " + r.toolResults().get(0).content());
                    }
                }
                return turn == 0 ? Reply.toolUses("Sending scouts.", List.of(
                        new Reply.ToolCall("Task", Map.of("description", "scout north", "prompt", "SCOUT-A: look north",
                                "subagent_type", "scout")),
                        new Reply.ToolCall("Task", Map.of("description", "scout south", "prompt", "SCOUT-B: look south",
                                "subagent_type", "scout"))))
                        : Reply.text("Scouts back.");
            });

            long seq = h.post("main", "send two scouts");
            TeamScript.awaitText(h, "main", seq, "Scouts back.", Duration.ofSeconds(150));

            List<ToolResultView> reports = last(h, "send two scouts").toolResults();
            assertThat(reports).hasSize(2).allSatisfy(t -> assertThat(t.isError()).as(t.content()).isFalse());
            assertThat(reports.get(0).content()).contains("Scout a saw:").contains("a-here").contains("b-here")
                    .contains("scouts know: the north path");
            assertThat(reports.get(1).content()).contains("Scout b saw:").contains("a-here").contains("b-here");
            assertThat(h.pincer.audit().recent(100)).filteredOn(e -> e.kind().equals("host-tool"))
                    .extracting(e -> e.detail().split(" ")[0] + " " + e.detail().split(" ")[1] + " " + e.verdict())
                    .contains("start_teammate: scout-1 allowed", "start_teammate: scout-2 allowed");
            // the fake model answers each call with 10 input tokens: 2 calls of the parent and 2 of each scout
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    h.pincer.recentRuns().getFirst().usage().inputTokens()).as("the teammates' tokens count into the run's")
                    .isEqualTo(60));
        }
    }

    @Test
    void aTeammateThatOutlivesItsRunsTimeIsStoppedAndTheParentStillAnswers() throws Exception {
        TeamScript.define(home, "main", "dawdler", SANDBOX + "tools: [Bash]\n", "You take your time.");
        try (Harness h = new Harness(home).set("PINCER_AGENT_TIMEOUT", "40").start()) {
            h.model.respondWith(r -> {
                String who = TeamScript.firstUserText(r);
                int turn = TeamScript.turn(r);
                if (who.contains("DAWDLE")) {
                    return turn == 0 ? Reply.toolUse("Bash", bash("sleep 100").input()) : Reply.text("finally done");
                }
                return turn == 0 ? Reply.toolUse("Bash", hostCall("start_teammate",
                        args("type", "dawdler", "prompt", "DAWDLE: take your time"), "P").input())
                        : Reply.text("Gave up on it: " + r.toolResults().get(0).content());
            });

            long seq = h.post("main", "ask the dawdler");
            JsonNode reply = TeamScript.awaitText(h, "main", seq, "Gave up on it:", Duration.ofSeconds(90));

            assertThat(reply.get("text").asText()).contains("\"type\":\"error\"")
                    .contains("teammate dawdler did not finish within the run's time and was stopped")
                    .doesNotContain("finally done");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(h.pincer.recentRuns().getFirst().status()).isEqualTo("ok"));
        }
    }

    /** The last model request of the conversation whose first user message contains {@code marker}. */
    private static RecordedRequest last(Harness h, String marker) {
        return h.model.requests().stream().filter(r -> TeamScript.firstUserText(r).contains(marker))
                .reduce((x, y) -> y).orElseThrow(() -> new AssertionError("no model request of " + marker));
    }
}
