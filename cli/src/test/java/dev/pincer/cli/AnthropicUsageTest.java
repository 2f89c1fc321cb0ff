package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Usage;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anthropic usage (input, output, cache read and write) from the fake's responses reaches the run record and the status totals. */
class AnthropicUsageTest {

    @TempDir Path home;

    @Test
    void usageOfEveryCallIsStoredPerRunAndTotalledInStatus() throws Exception {
        try (Harness h = new Harness(home)) {
            h.start();
            h.model.enqueue(Reply.toolUse("Bash", Map.of("command", "true")).usage(300, 40, 0, 2000),
                    Reply.text("first").usage(20, 7, 2000, 50),
                    Reply.text("second").usage(5, 3, 2050, 0));

            long seq = h.post("main", "one");
            JsonNode first = h.awaitReply("main", seq, Duration.ofSeconds(90));
            assertThat(first.get("text").asText()).isEqualTo("first");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !h.pincer.recentRuns().get(0).outcome().status().equals("running"));
            assertThat(h.pincer.recentRuns().get(0).outcome().usage()).isEqualTo(new Usage(320, 47, 2000, 2050));

            long seq2 = h.post("main", "two");
            assertThat(h.awaitReply("main", seq2, Duration.ofSeconds(90)).get("text").asText()).isEqualTo("second");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> h.pincer.recentRuns().size() == 2
                    && !h.pincer.recentRuns().get(0).outcome().status().equals("running"));
            assertThat(h.pincer.recentRuns().get(0).outcome().usage()).isEqualTo(new Usage(5, 3, 2050, 0));
            assertThat(OpenAiEndToEndTest.statusUsage(h)).isEqualTo(new Usage(325, 50, 4050, 2050));
        }
    }
}
