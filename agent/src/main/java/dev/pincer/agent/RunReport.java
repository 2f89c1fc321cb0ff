package dev.pincer.agent;

import dev.pincer.agent.ipc.OutputWriter;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.RunFailure;
import dev.pincer.protocol.Usage;
import java.io.IOException;

/**
 * How runs show in {@code output/}: {@code typing} when one begins; at its end the final answer,
 * {@code typing:false} and exactly one result, ok or carrying a {@link RunFailure}.
 */
final class RunReport {
    private static final Log LOG = Log.named("agent");

    private final OutputWriter out;
    private boolean open;
    private boolean answered;

    RunReport(OutputWriter out) {
        this.out = out;
    }

    /** A run begins: the chat shows typing until its result. */
    void begin() throws IOException {
        open = true;
        out.write(new AgentOutput.Typing(true));
    }

    /** Whether a run began and has no result yet. */
    boolean open() {
        return open;
    }

    /**
     * The run answered (an empty {@code text} sends nothing) or was closed between turns; {@code runId}
     * names the last batch the answer had read.
     */
    void finished(String runId, String sessionId, String text, Usage usage) throws IOException {
        if (!text.isEmpty()) {
            out.write(new AgentOutput.Message(text, null, runId));
        }
        end(new AgentOutput.Result(runId, AgentOutput.Result.OK, sessionId, null, usage));
        LOG.info("run %s finished: %s", runId, usage);
    }

    /** The run failed; {@code cause} (for the log) may be null. */
    void failed(String runId, String sessionId, RunFailure failure, Usage usage, Throwable cause) throws IOException {
        String line = "run " + runId + " failed (" + failure.kind().wireName() + "): "
                + (failure.detail() == null ? failure.message() : failure.detail());
        if (cause == null || failure.kind() != RunFailure.Kind.INTERNAL) {
            LOG.warn("%s", line);
        } else {
            LOG.error(line, cause);
        }
        end(AgentOutput.Result.failed(runId, sessionId, failure, usage));
    }

    /** Whether the last result counts its messages as answered ({@link AgentOutput.Result#answered()}). */
    boolean answered() {
        return answered;
    }

    private void end(AgentOutput.Result result) throws IOException {
        answered = result.answered();
        out.write(new AgentOutput.Typing(false));
        out.write(result);
        open = false;
    }
}
