package dev.pincer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/run --smoke}: every measure of the benchmark still runs against a real host, real
 * sandboxes and the fake model, and its JSON has every row with a number. No timing is asserted.
 */
class BenchSmokeTest {
    static final List<String> ROWS = List.of("cold_first_request_ms", "floor_bwrap_java_version_ms",
            "warm_first_request_ms", "final_token_to_visible_ms", "bash_tool_overhead_ms", "bash_tool_round_trip_ms",
            "floor_bash_command_ms", "host_rss_idle_mib", "host_rss_100_groups_mib", "agent_rss_3_turns_mib",
            "ingest_messages_per_s", "ingest_lost_messages", "scheduler_due_to_sandbox_asked_ms");

    @TempDir Path results;

    @Test
    void theSmokeRunWritesEveryRowWithANumber() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path file = Bench.run(Options.parse("--smoke", "--results", results.toString()), Launch.fromProperties(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.println(printed.toString(StandardCharsets.UTF_8));

        JsonNode json = Results.read(file);
        assertThat(file.getParent()).isEqualTo(results);
        assertThat(json.get("rows").fieldNames()).toIterable().containsAll(ROWS);
        for (String key : ROWS) {
            JsonNode row = json.get("rows").get(key);
            assertThat(row.get("median").isNumber()).as(key + " median: " + row).isTrue();
            assertThat(row.get("p95").isNumber()).as(key + " p95: " + row).isTrue();
            assertThat(row.get("median").asDouble()).as(key).isNotNaN();
        }
        assertThat(json.get("rows").get("cold_first_request_ms").get("floorRatio").isNumber()).isTrue();
        assertThat(json.get("rows").get("ingest_lost_messages").get("median").asDouble()).as("no message lost").isZero();
        assertThat(json.at("/notes/bash_tool_timeline_median_run").size()).as("the tool timeline's hops").isEqualTo(6);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("written to " + file);
    }

    @Test
    void optionsAreParsedAndWrongOnesNamed() {
        Options o = Options.parse("--runs", "7", "--compare", "old.json", "--no-peer");
        assertThat(o.runs()).isEqualTo(7);
        assertThat(o.compare()).isEqualTo(Path.of("old.json"));
        assertThat(o.peer()).isFalse();
        assertThat(Options.parse("--smoke").runs()).isEqualTo(1);
        assertThat(Options.parse("--smoke").peer()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Options.parse("--fast"))
                .hasMessageContaining("unknown option --fast").hasMessageContaining("usage: bench/run");
    }
}
