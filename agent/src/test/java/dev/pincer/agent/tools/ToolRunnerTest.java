package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.protocol.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ToolRunnerTest {

    /** A test tool: {@code body} gets the input's {@code arg}. */
    private record FakeTool(String name, Duration timeout, Body body) implements Tool {
        interface Body {
            ToolResult run(String arg) throws Exception;
        }

        @Override
        public ToolSpec spec() {
            return new ToolSpec(name, name, Json.MAPPER.createObjectNode());
        }

        @Override
        public ToolResult execute(JsonNode input) throws Exception {
            return body.run(input.path("arg").asText());
        }
    }

    private static ContentBlock.ToolUse call(String id, String name, String arg) {
        return new ContentBlock.ToolUse(id, name, Json.MAPPER.createObjectNode().put("arg", arg));
    }

    @Test
    void runsTheCallsOfATurnConcurrentlyAndAnswersInCallOrder() throws Exception {
        CountDownLatch allStarted = new CountDownLatch(3);
        Tool wait = new FakeTool("Wait", Duration.ofSeconds(10), arg -> {
            allStarted.countDown();
            // Only returns true if all three calls are running at the same time.
            boolean together = allStarted.await(5, TimeUnit.SECONDS);
            Thread.sleep(Long.parseLong(arg));
            return ToolResult.ok(arg + ":" + together);
        });
        ToolRunner runner = new ToolRunner(new ToolRegistry(List.of(wait)));

        var results = runner.runAll(List.of(call("1", "Wait", "300"), call("2", "Wait", "0"), call("3", "Wait", "150")));

        assertThat(results).extracting(ContentBlock.ToolResult::toolUseId).containsExactly("1", "2", "3");
        assertThat(results).extracting(ContentBlock.ToolResult::content).containsExactly("300:true", "0:true", "150:true");
    }

    @Test
    void aCallOverItsTimeoutIsStoppedAndReportedWhileTheOthersComplete() throws Exception {
        Tool hang = new FakeTool("Hang", Duration.ofMillis(300), arg -> {
            Thread.sleep(60_000);
            return ToolResult.ok("never");
        });
        Tool stubborn = new FakeTool("Stubborn", Duration.ofMillis(300), arg -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ignored) {
                    // a tool that ignores interruption must not hold up the turn
                }
            }
            return ToolResult.ok("late");
        });
        Tool echo = new FakeTool("Echo", Duration.ofSeconds(5), ToolResult::ok);
        ToolRunner runner = new ToolRunner(new ToolRegistry(List.of(hang, stubborn, echo)));
        long start = System.nanoTime();

        var results = runner.runAll(List.of(call("a", "Hang", ""), call("b", "Echo", "hi"), call("c", "Stubborn", "")));

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        assertThat(results.get(0).isError()).isTrue();
        assertThat(results.get(0).content()).isEqualTo("Hang timed out after 300 ms and was stopped.");
        assertThat(results.get(1).content()).isEqualTo("hi");
        assertThat(results.get(2).content()).isEqualTo("Stubborn timed out after 300 ms and was stopped.");
    }

    @Test
    void failuresBecomeErrorResults() throws Exception {
        Tool boom = new FakeTool("Boom", Duration.ofSeconds(5), arg -> {
            throw new IllegalStateException("kaput");
        });
        Tool bad = new FakeTool("Bad", Duration.ofSeconds(5), arg -> {
            throw new IllegalArgumentException("`x` is required");
        });
        ToolRunner runner = new ToolRunner(new ToolRegistry(List.of(boom, bad)));

        var results = runner.runAll(List.of(call("1", "Boom", ""), call("2", "Bad", ""), call("3", "Nope", "")));

        assertThat(results).allSatisfy(r -> assertThat(r.isError()).isTrue());
        assertThat(results.get(0).content()).isEqualTo("Error: IllegalStateException: kaput");
        assertThat(results.get(1).content()).isEqualTo("Invalid input for Bad: `x` is required");
        assertThat(results.get(2).content()).startsWith("Error: no tool named Nope. Available tools: Boom, Bad");
    }

    @Test
    void aHugeResultIsCutWithANote() throws Exception {
        Tool big = new FakeTool("Big", Duration.ofSeconds(5), arg -> ToolResult.ok("x".repeat(ToolRunner.MAX_RESULT_CHARS + 10)));

        String content = new ToolRunner(new ToolRegistry(List.of(big))).runAll(List.of(call("1", "Big", ""))).getFirst().content();

        assertThat(content).startsWith("xxx").endsWith("[result truncated: 10 more characters were cut]");
    }

    @Test
    void bashAllowsItsOwnLongestTimeoutBeforeTheRunnerStepsIn() {
        BashTool bash = new BashTool(java.nio.file.Path.of("/tmp"), java.util.Map.of());

        assertThat(bash.timeout()).isGreaterThan(Duration.ofMinutes(10));
        assertThat(new ReadTool().timeout()).isEqualTo(ToolRunner.DEFAULT_TIMEOUT);
    }
}
