package dev.pincer.agent.tools;

import dev.pincer.agent.Log;
import dev.pincer.agent.llm.ContentBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the tool calls of one model turn concurrently, one virtual thread each, and returns their
 * results in call order. Every failure (unknown tool, bad input, exception) becomes an
 * {@code is_error} result: the model sees it and the loop goes on.
 */
public final class ToolRunner {
    private static final Log LOG = Log.named("tools");

    private final ToolRegistry registry;

    public ToolRunner(ToolRegistry registry) {
        this.registry = registry;
    }

    public List<ContentBlock.ToolResult> runAll(List<ContentBlock.ToolUse> calls) throws InterruptedException {
        List<ContentBlock.ToolResult> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ToolResult>> futures = new ArrayList<>();
            for (ContentBlock.ToolUse call : calls) {
                futures.add(executor.submit(() -> run(call)));
            }
            for (int i = 0; i < calls.size(); i++) {
                ToolResult r;
                try {
                    r = futures.get(i).get();
                } catch (ExecutionException e) {
                    r = ToolResult.error("Error: " + e.getCause());
                }
                results.add(new ContentBlock.ToolResult(calls.get(i).id(), r.content(), r.isError()));
            }
        }
        return results;
    }

    private ToolResult run(ContentBlock.ToolUse call) {
        var tool = registry.find(call.name());
        if (tool.isEmpty()) {
            return ToolResult.error("Error: no tool named " + call.name() + ". Available tools: "
                    + String.join(", ", registry.names()));
        }
        long start = System.nanoTime();
        ToolResult result;
        try {
            result = tool.get().execute(call.input());
        } catch (IllegalArgumentException e) {
            result = ToolResult.error("Invalid input for " + call.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = ToolResult.error("Error: " + call.name() + " was interrupted");
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            result = ToolResult.error("Error: " + message);
        }
        LOG.info("%s %s in %d ms%s", call.name(), call.id(), (System.nanoTime() - start) / 1_000_000,
                result.isError() ? " (error)" : "");
        return result;
    }
}
