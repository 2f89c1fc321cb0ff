package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: a message through the real web API reaches an agent in a real
 * bwrap sandbox, the model (fake, behind the real proxy) makes it run tools, and the answer comes
 * back through the API. The same run probes the sandbox from inside.
 */
class SandboxedRunTest {

    @TempDir Path home;

    @Test
    void aMessageReachesASandboxedAgentAndTheReplyComesBack() throws Exception {
        try (Harness h = new Harness(home); ServerSocket hostPort = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            h.start();
            Files.writeString(home.resolve("store/secret-marker"), "store-is-private");
            int port = hostPort.getLocalPort();
            h.model.enqueue(
                    Reply.toolUses("Writing the note.", List.of(
                            new Reply.ToolCall("Bash", Map.of("command", "echo hello > note.txt")),
                            new Reply.ToolCall("Bash", Map.of("command", "env")),
                            new Reply.ToolCall("Bash", Map.of("command", "cat /workspace/project/.env; echo rc=$?")),
                            new Reply.ToolCall("Bash", Map.of("command",
                                    "ls -A /workspace/project/store; cat /workspace/project/store/secret-marker; echo rc=$?")),
                            new Reply.ToolCall("Bash", Map.of("command", "cat " + home + "/.env; echo rc=$?")),
                            new Reply.ToolCall("Bash", Map.of("command",
                                    "(exec 3<>/dev/tcp/127.0.0.1/" + port + " && echo CONNECTED) 2>&1; echo rc=$?")),
                            new Reply.ToolCall("Bash", Map.of("command",
                                    "(exec 3<>/dev/tcp/127.0.0.1/" + h.webPort() + " && echo CONNECTED) 2>&1; echo rc=$?")),
                            new Reply.ToolCall("Bash", Map.of("command", "id -u; cat /proc/1/environ | tr '\\0' '\\n'; echo rc=$?")))),
                    Reply.text("<internal>all probes done</internal>Done: I wrote note.txt."));

            long seq = h.post("main", "Please write hello into note.txt");
            JsonNode reply = h.awaitReply("main", seq, Duration.ofSeconds(90));

            assertThat(reply.get("text").asText()).isEqualTo("Done: I wrote note.txt.");
            assertThat(reply.get("sender").asText()).isEqualTo("Andy");
            assertThat(home.resolve("groups/main/note.txt")).hasContent("hello");

            List<RecordedRequest> requests = h.model.requests();
            assertThat(requests).hasSize(2);
            // The proxy injected the real key; the sandbox itself sent none.
            assertThat(requests).allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(Harness.API_KEY));
            // The first request carried the catch-up prompt and the memory files.
            assertThat(requests.get(0).lastUserText()).contains("Please write hello into note.txt").contains("sender=\"Owner\"");
            assertThat(requests.get(0).system()).contains("/workspace/group/CLAUDE.md");

            List<RecordedRequest.ToolResultView> results = requests.get(1).toolResults();
            assertThat(results).hasSize(8);
            String all = results.stream().map(RecordedRequest.ToolResultView::content).collect(Collectors.joining("\n---\n"));
            assertThat(all).doesNotContain(Harness.API_KEY);
            String env = results.get(1).content();
            assertThat(env).contains("HOME=/home/agent").doesNotContainIgnoringCase("api_key").doesNotContainIgnoringCase("token")
                    .doesNotContain(h.model.baseUrl()).doesNotContain(String.valueOf(h.model.port()));
            assertThat(results.get(2).content()).as(".env inside the project mount").doesNotContain("sk-ant").contains("rc=");
            assertThat(results.get(3).content()).as("store/ inside the project mount")
                    .doesNotContain("secret-marker\n").doesNotContain("store-is-private").doesNotContain("pincer.db");
            assertThat(results.get(4).content()).as("the host path of .env").doesNotContain("sk-ant").contains("No such file");
            assertThat(results.get(5).content()).as("TCP to a host loopback port").doesNotContain("CONNECTED").doesNotContain("rc=0");
            assertThat(results.get(6).content()).as("TCP to the web API port").doesNotContain("CONNECTED").doesNotContain("rc=0");
            assertThat(results.get(7).content()).as("uid and pid 1 environment").doesNotStartWith("0\n")
                    .doesNotContain(Harness.API_KEY).doesNotContainIgnoringCase("api_key");

            // The run is recorded with the fake model's usage (the result may land just after the reply).
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> !h.pincer.recentRuns().get(0).outcome().status().equals("running"));
            var run = h.pincer.recentRuns().get(0);
            assertThat(run.outcome().status()).isEqualTo("ok");
            assertThat(run.outcome().usage().inputTokens()).isPositive();
        }
    }

    @Test
    void agentSettingsFromTheConfigurationReachTheSandbox() throws Exception {
        try (Harness h = new Harness(home).set("PINCER_WEB_SEARCH", "off").start()) {
            h.model.enqueue(Reply.toolUse("Bash", Map.of("command", "echo $PINCER_WEB_SEARCH")), Reply.text("ok"));
            h.awaitReply("main", h.post("main", "which settings?"), Duration.ofSeconds(60));
            List<RecordedRequest> requests = h.model.requests();
            assertThat(requests.get(0).toolNames()).contains("Bash").doesNotContain("web_search");
            assertThat(requests.get(1).toolResults().get(0).content()).contains("off");
        }
    }
}
