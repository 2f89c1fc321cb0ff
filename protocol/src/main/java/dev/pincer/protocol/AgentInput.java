package dev.pincer.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the host writes into a sandbox's {@code input/} folder. The first file of a run is a
 * {@link Start}; later files may carry follow-up {@link Message}s or a {@link Close}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AgentInput.Start.class, name = "start"),
    @JsonSubTypes.Type(value = AgentInput.Message.class, name = "message"),
    @JsonSubTypes.Type(value = AgentInput.Close.class, name = "close")
})
public sealed interface AgentInput {

    /**
     * The run's first input.
     *
     * @param runId         host-chosen id, echoed in the {@link AgentOutput.Result}
     * @param prompt        the formatted messages since the group's cursor (or a task prompt)
     * @param sessionId     the session to resume, or null for a new one
     * @param groupFolder   the group's folder name (informational: identity comes from the mount)
     * @param chat          the chat id the run answers in
     * @param isMain        whether this is the owner's main group
     * @param assistantName the assistant's name, e.g. "Andy"
     * @param provider      {@code anthropic} or {@code openai}
     * @param model         the model to call
     */
    record Start(String runId, String prompt, String sessionId, String groupFolder, String chat,
                 boolean isMain, String assistantName, String provider, String model) implements AgentInput {}

    /** A follow-up message for a run that is still alive. */
    record Message(String text) implements AgentInput {}

    /** Asks the agent to finish and exit. */
    record Close() implements AgentInput {}
}
