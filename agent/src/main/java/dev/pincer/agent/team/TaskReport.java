package dev.pincer.agent.team;

import dev.pincer.protocol.Usage;

/**
 * How one sub-agent ended, for the parent model and the records.
 *
 * @param outcome    {@code finished}, {@code turn limit}, {@code token limit}, {@code time limit} or {@code failed}
 * @param text       the report (finished) or what stopped it, as the parent model reads it
 * @param usage      the tokens it used (its own sub-agents included)
 * @param transcript its transcript file, or null (a sandboxed teammate's is kept by the host)
 */
record TaskReport(String outcome, String text, Usage usage, String transcript) {
    static final String FINISHED = "finished";

    boolean failed() {
        return !FINISHED.equals(outcome);
    }
}
