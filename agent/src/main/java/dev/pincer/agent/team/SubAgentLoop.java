package dev.pincer.agent.team;

import dev.pincer.agent.tools.ToolRegistry;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs a sub-agent's conversation in this process: the agent's own model/tool loop with a fresh
 * transcript (implemented beside the loop, in {@code dev.pincer.agent}).
 */
public interface SubAgentLoop {

    /** Opens a fresh transcript in {@code request.folder()}; no model is called yet. */
    Run prepare(Request request) throws IOException;

    /**
     * @param system the sub-agent's system prompt
     * @param tools  its tools
     * @param model  the model to call, or null: the run's
     * @param budget its turns and tokens
     * @param folder where its transcript (and any compaction archive) goes
     * @param meter  collects the usage of its own sub-agents
     */
    record Request(String system, ToolRegistry tools, String model, Budget budget, Path folder, UsageMeter meter) {}

    /** Model calls and tokens one sub-agent may use. */
    record Budget(int turns, long tokens) {}

    /** A prepared sub-agent run. */
    interface Run {
        /** Runs {@code prompt} to its outcome; throws what the model client throws. */
        Outcome run(String prompt) throws Exception;

        /** Tokens used so far, also after a failure or an interruption. */
        Usage usage();

        /** The transcript file. */
        Path transcript();
    }

    /** How a sub-agent ended. */
    sealed interface Outcome {
        /** It answered: {@code text} is its report. */
        record Finished(String text) implements Outcome {}

        /** It still wanted tools after {@code turns} model calls. */
        record TurnLimit(int turns) implements Outcome {}

        /** It used {@code used} tokens, at least its budget of {@code limit}. */
        record TokenLimit(long used, long limit) implements Outcome {}
    }
}
