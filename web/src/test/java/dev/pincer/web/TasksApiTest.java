package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.tasks.Task;
import dev.pincer.protocol.Usage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/tasks} shows the stored tasks with their last runs; task changes stream on {@code /api/events}. */
class TasksApiTest {

    @TempDir Path dir;
    TestHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void tasksAreListedWithTheirLastRuns() throws Exception {
        host = new TestHost(dir);
        Task daily = host.tasks.schedule("main", "web:main", "Summarise the news", "cron", "0 9 * * *", "isolated");
        Task hourly = host.tasks.schedule("family", "web:family", "Check the weather", "interval", "3600000", "group");
        Instant now = Instant.now();
        for (int i = 0; i < 7; i++) {
            Task t = host.taskStore.get(hourly.id()).orElseThrow();
            String runId = "run-" + i;
            assertThat(host.taskStore.claim(t.id(), t.times().nextRun(), t.times().nextRun().plusSeconds(3600), runId, now.plusMillis(i))).isTrue();
            host.tasks.recordRunEnd(runId, i != 6, 100 + i, i == 6 ? "model overloaded" : "Sunny, 21°C", new Usage(10, 5, 0, 0));
        }

        HttpResponse<String> r = host.get("/api/tasks");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode tasks = TestHost.json(r).get("tasks");
        assertThat(tasks).hasSize(2);
        JsonNode first = tasks.get(0).get("id").asText().equals(daily.id()) ? tasks.get(0) : tasks.get(1);
        JsonNode second = first == tasks.get(0) ? tasks.get(1) : tasks.get(0);
        assertThat(first.get("groupFolder").asText()).isEqualTo("main");
        assertThat(first.get("scheduleType").asText()).isEqualTo("cron");
        assertThat(first.get("scheduleValue").asText()).isEqualTo("0 9 * * *");
        assertThat(first.get("contextMode").asText()).isEqualTo("isolated");
        assertThat(first.get("status").asText()).isEqualTo("active");
        assertThat(Instant.parse(first.get("nextRun").asText())).isEqualTo(daily.times().nextRun());
        assertThat(first.get("lastRun").isNull()).isTrue();
        assertThat(first.get("lastRuns")).isEmpty();

        assertThat(second.get("id").asText()).isEqualTo(hourly.id());
        JsonNode runs = second.get("lastRuns");
        assertThat(runs).hasSize(5);
        assertThat(runs.get(0).get("id").asText()).isEqualTo("run-6");
        assertThat(runs.get(0).get("status").asText()).isEqualTo("error");
        assertThat(runs.get(0).get("error").asText()).isEqualTo("model overloaded");
        assertThat(runs.get(1).get("result").asText()).isEqualTo("Sunny, 21°C");
        assertThat(runs.get(1).get("durationMs").asLong()).isEqualTo(105);
        assertThat(runs.get(1).get("inputTokens").asLong()).isEqualTo(10);
        assertThat(runs.get(4).get("id").asText()).isEqualTo("run-2");
    }

    @Test
    void runMakesATaskDueNowAndRefusesUnknownOrPausedOnes() throws Exception {
        host = new TestHost(dir);
        Task t = host.tasks.schedule("main", "web:main", "Summarise the news", "cron", "0 9 * * *", "group");
        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> r = host.post("/api/tasks/" + t.id() + "/run", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TestHost.json(r).get("id").asText()).isEqualTo(t.id());
        assertThat(host.taskStore.get(t.id()).orElseThrow().times().nextRun()).isAfter(before).isBefore(Instant.now().plusSeconds(1));

        assertThat(host.post("/api/tasks/t-000000/run", "").statusCode()).isEqualTo(404);
        host.tasks.pause(t.id());
        HttpResponse<String> paused = host.post("/api/tasks/" + t.id() + "/run", "");
        assertThat(paused.statusCode()).isEqualTo(409);
        assertThat(paused.body()).contains("paused; resume it first");
    }

    @Test
    void taskChangesAreStreamedAsEvents() throws Exception {
        host = new TestHost(dir);
        HttpResponse<InputStream> r = host.http.send(host.authed("/api/events").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); !": connected".equals(line); line = in.readLine()) {
                assertThat(line).isNotNull();
            }
            Task t = host.tasks.schedule("main", "web:main", "p", "interval", "60000", "group");
            host.tasks.pause(t.id());
            assertThat(nextEvent(in)).isEqualTo("event: task");
            JsonNode created = TestHost.JSON.readTree(in.readLine().substring("data: ".length()));
            assertThat(created.get("id").asText()).isEqualTo(t.id());
            assertThat(created.get("state").asText()).isEqualTo("created");
            assertThat(nextEvent(in)).isEqualTo("event: task");
            assertThat(in.readLine()).contains("\"state\":\"paused\"");
        }
    }

    /** Skips blank lines and comments up to the next {@code event:} line. */
    private static String nextEvent(BufferedReader in) throws java.io.IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event: ")) {
                return line;
            }
        }
        throw new AssertionError("the event stream ended");
    }
}
