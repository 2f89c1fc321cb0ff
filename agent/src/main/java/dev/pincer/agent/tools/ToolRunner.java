package dev.pincer.agent.tools;

import dev.pincer.agent.Log;
import dev.pincer.agent.llm.ContentBlock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the tool calls of one model turn concurrently, one virtual thread each, and returns their
 * results in call order. Every failure (unknown tool, bad input, exception, a call over its
 * tool's {@link Tool#timeout()}) becomes an {@code is_error} result: the model sees it and the
 * loop goes on. Results longer than {@link #MAX_RESULT_CHARS} are cut with a note.
 */
public final class ToolRunner {
    /** The time limit of tools that do not set their own. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** A backstop over the tools' own output caps. */
    public static final int MAX_RESULT_CHARS = 100_000;
    private static final Log LOG = Log.named("tools");

    private final ToolRegistry registry;
    private final ToolWatch watch;

    public ToolRunner(ToolRegistry registry) {
        this(registry, ToolWatch.NONE);
    }

    /** @param watch hears each call begin and end */
    public ToolRunner(ToolRegistry registry, ToolWatch watch) {
        this.registry = registry;
        this.watch = watch;
    }

    public List<ContentBlock.ToolResult> runAll(List<ContentBlock.ToolUse> calls) throws InterruptedException {
        List<ContentBlock.ToolResult> results = new ArrayList<>();
        // Not try-with-resources: close() would wait for a call that ignores interruption.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            long started = System.nanoTime();
            Set<String> ended = ConcurrentHashMap.newKeySet(); // a timed-out call that returns later is not ended twice
            List<Future<ToolResult>> futures = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                ContentBlock.ToolUse call = calls.get(i);
                String key = i + ":" + call.id();
                futures.add(executor.submit(() -> {
                    long start = System.nanoTime();
                    tell(() -> watch.started(call));
                    ToolResult r = run(call);
                    if (ended.add(key)) {
                        tell(() -> watch.ended(call, (System.nanoTime() - start) / 1_000_000, r));
                    }
                    return r;
                }));
            }
            for (int i = 0; i < calls.size(); i++) {
                ContentBlock.ToolUse call = calls.get(i);
                Duration limit = registry.find(call.name()).map(Tool::timeout).orElse(DEFAULT_TIMEOUT);
                long left = limit.toNanos() - (System.nanoTime() - started);
                ToolResult r;
                try {
                    r = futures.get(i).get(Math.max(0, left), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    r = ToolResult.error("Error: " + e.getCause());
                } catch (TimeoutException e) {
                    futures.get(i).cancel(true);
                    LOG.warn("%s %s timed out after %d ms", call.name(), call.id(), limit.toMillis());
                    r = ToolResult.error(call.name() + " timed out after " + limit.toMillis() + " ms and was stopped.");
                    if (ended.add(i + ":" + call.id())) {
                        ToolResult timedOut = r;
                        tell(() -> watch.ended(call, limit.toMillis(), timedOut));
                    }
                }
                results.add(new ContentBlock.ToolResult(call.id(), capped(r.content()), r.isError()));
            }
        } finally {
            executor.shutdownNow();
        }
        return results;
    }

    /** A watcher that fails must not fail the call it watches. */
    private static void tell(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("the tool watch failed: %s", e.toString());
        }
    }

    static String capped(String content) {
        if (content.length() <= MAX_RESULT_CHARS) {
            return content;
        }
        return content.substring(0, MAX_RESULT_CHARS) + "\n\n... [result truncated: "
                + (content.length() - MAX_RESULT_CHARS) + " more characters were cut]";
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
        } catch (Exception | StackOverflowError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
            result = ToolResult.error("Error: " + message);
        }
        LOG.info("%s %s in %d ms%s", call.name(), call.id(), (System.nanoTime() - start) / 1_000_000,
                result.isError() ? " (error)" : "");
        return result;
    }
}
