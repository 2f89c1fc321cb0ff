package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A tool the model may call. Names and input schemas follow Claude Code's, because Claude models
 * are trained on them. {@link #execute} may throw: the runner turns any exception into an error
 * result for the model, so a failing tool never ends the run.
 */
public interface Tool {

    /** The tool as the model sees it: name, description, input schema. */
    ToolSpec spec();

    ToolResult execute(JsonNode input) throws Exception;

    /** How long one call may take before the runner gives up on it, interrupts it and reports an error. */
    default Duration timeout() {
        return ToolRunner.DEFAULT_TIMEOUT;
    }
}
