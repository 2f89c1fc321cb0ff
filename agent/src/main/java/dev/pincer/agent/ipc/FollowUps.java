package dev.pincer.agent.ipc;

import dev.pincer.agent.Log;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follow-up messages of a live sandbox: the ones that join a running conversation (through
 * {@link #drain()}) and the ones that start a new turn after an answer ({@link #awaitNext}). Keeps
 * the host's id of the last batch taken in, which the turn's result reports, so the host knows
 * which messages are answered.
 */
public final class FollowUps {
    private static final Log LOG = Log.named("input");

    private final InputWatcher inputs;
    private String runId;

    public FollowUps(InputWatcher inputs, String firstRunId) {
        this.inputs = inputs;
        this.runId = firstRunId;
    }

    /** {@code PINCER_IDLE_TIMEOUT}: how long to stay for a follow-up after an answer; zero exits at once. */
    public static Duration idleTimeout(Map<String, String> env) {
        String v = env.getOrDefault(SandboxPaths.ENV_IDLE_TIMEOUT, "").strip();
        try {
            long seconds = v.isEmpty() ? 0 : Long.parseLong(v);
            if (seconds < 0 || seconds > 86_400 * 7) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SandboxPaths.ENV_IDLE_TIMEOUT + " must be a number of seconds, got '" + v + "'");
        }
    }

    /** The host's id of the last batch of messages taken into the conversation. */
    public synchronized String runId() {
        return runId;
    }

    /** Inputs present now, for the running conversation; notes the batches taken in. */
    public List<AgentInput> drain() throws IOException {
        List<AgentInput> all = inputs.drain();
        note(all);
        return all;
    }

    /**
     * Waits up to {@code idle} for the next message(s) and returns their text, joined; empty when
     * the host closes the sandbox or nothing came.
     */
    public Optional<String> awaitNext(Duration idle) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + idle.toNanos();
        while (true) {
            List<AgentInput> got = inputs.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (got.stream().anyMatch(i -> i instanceof AgentInput.Close)) {
                LOG.info("closed by the host while idle");
                return Optional.empty();
            }
            List<String> texts = new ArrayList<>();
            for (AgentInput i : got) {
                switch (i) {
                    case AgentInput.Message m when m.text() != null && !m.text().isBlank() -> texts.add(m.text());
                    case AgentInput.Start s -> LOG.warn("ignoring a second start input");
                    default -> { }
                }
            }
            note(got);
            if (!texts.isEmpty()) {
                return Optional.of(String.join("\n", texts));
            }
            if (System.nanoTime() >= deadline) {
                LOG.info("no follow-up within %d s; exiting", idle.toSeconds());
                return Optional.empty();
            }
        }
    }

    private synchronized void note(List<AgentInput> got) {
        for (AgentInput i : got) {
            if (i instanceof AgentInput.Message m && m.runId() != null && m.text() != null && !m.text().isBlank()) {
                runId = m.runId();
            }
        }
    }
}
