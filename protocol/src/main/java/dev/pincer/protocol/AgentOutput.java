package dev.pincer.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the agent writes into its {@code output/} folder. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AgentOutput.Message.class, name = "message"),
    @JsonSubTypes.Type(value = AgentOutput.Typing.class, name = "typing"),
    @JsonSubTypes.Type(value = AgentOutput.Result.class, name = "result"),
    @JsonSubTypes.Type(value = AgentOutput.Draft.class, name = "draft"),
    @JsonSubTypes.Type(value = AgentOutput.Tool.class, name = "tool")
})
public sealed interface AgentOutput {

    /**
     * Text to deliver to the group's chat.
     *
     * @param sender a swarm member's name, or null for the assistant itself
     * @param runId  the last batch of messages (a host run id) the model had read when it wrote this
     *               text, or null for the batch the host thinks is current: delivering the text
     *               answers the messages up to that batch
     */
    record Message(String text, String sender, String runId) implements AgentOutput {
        public Message(String text, String sender) {
            this(text, sender, null);
        }
    }

    /** The agent is working (true) or has stopped (false). */
    record Typing(boolean typing) implements AgentOutput {}

    /**
     * For display only: the text of the answer the model is writing, so far (each draft replaces
     * the one before; a retried call starts again from a shorter text). Never stored, never
     * delivered to a chat app: the {@link Message} that follows is the reply.
     */
    record Draft(String text) implements AgentOutput {
        /** The longest draft written; longer answers show their start until the reply arrives. */
        public static final int MAX_CHARS = 32 * 1024;
    }

    /**
     * For display (and the run's timeline): a tool call began ({@code ended} null) or ended.
     *
     * @param id    the model's id of the call (start and end share it)
     * @param input a short summary of the call's input
     */
    record Tool(String id, String name, String input, Ended ended) implements AgentOutput {
        /** The longest input and result summaries written. */
        public static final int MAX_SUMMARY = 400;

        /** How a call ended: its duration and the start of its result. */
        public record Ended(long durationMs, String result, boolean error) {}

        /** {@code s} cut to {@link #MAX_SUMMARY} characters, with an ellipsis when cut. */
        public static String summary(String s) {
            if (s == null) {
                return "";
            }
            String one = s.strip();
            if (one.length() <= MAX_SUMMARY) {
                return one;
            }
            int end = MAX_SUMMARY - 1;
            if (Character.isHighSurrogate(one.charAt(end - 1))) {
                end--; // never tear a character in two
            }
            return one.substring(0, end) + "\u2026";
        }
    }

    /**
     * The end of a run. Older readers ignore {@code failure}; older writers leave it out (null).
     *
     * @param runId     the id from {@link AgentInput.Start}
     * @param status    {@link #OK} or {@link #ERROR}
     * @param sessionId the session to resume next time
     * @param error     a short technical reason when status is error, else null
     * @param usage     token counts of the whole run
     * @param failure   when status is error: why, classified for the user; else null
     */
    record Result(String runId, String status, String sessionId, String error, Usage usage, RunFailure failure)
            implements AgentOutput {
        public static final String OK = "ok";
        public static final String ERROR = "error";

        /** A result without a classified failure. */
        public Result(String runId, String status, String sessionId, String error, Usage usage) {
            this(runId, status, sessionId, error, usage, null);
        }

        /** A failed run: status error, {@code error} the failure's detail (else its message). */
        public static Result failed(String runId, String sessionId, RunFailure failure, Usage usage) {
            return new Result(runId, ERROR, sessionId, failure.detail() != null ? failure.detail() : failure.message(), usage,
                    failure);
        }

        public boolean ok() {
            return OK.equals(status);
        }

        /**
         * Whether the run's messages count as answered: it succeeded, or a budget stopped it after
         * the model worked on them ({@link RunFailure.Kind#keepsTurn()}).
         */
        public boolean answered() {
            return ok() || failure != null && failure.kind().keepsTurn();
        }

        /** The same result for another run id. */
        public Result withRunId(String id) {
            return new Result(id, status, sessionId, error, usage, failure);
        }
    }
}
