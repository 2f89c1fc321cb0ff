package dev.pincer.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.TreeMap;

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
     * @param mcpServers    the group's MCP servers by name, sorted (missing in the JSON: none)
     */
    record Start(String runId, String prompt, String sessionId, String groupFolder, String chat,
                 boolean isMain, String assistantName, String provider, String model,
                 Map<String, McpServerSpec> mcpServers) implements AgentInput {

        public Start {
            mcpServers = mcpServers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(mcpServers));
        }

        /** A start without MCP servers. */
        public Start(String runId, String prompt, String sessionId, String groupFolder, String chat,
                     boolean isMain, String assistantName, String provider, String model) {
            this(runId, prompt, sessionId, groupFolder, chat, isMain, assistantName, provider, model, Map.of());
        }

        /** The same start answering another batch (a follow-up fed into the live sandbox). */
        public Start withRunId(String id) {
            return new Start(id, prompt, sessionId, groupFolder, chat, isMain, assistantName, provider, model, mcpServers);
        }
    }

    /**
     * A follow-up for a sandbox that is still alive (busy or warm): the new messages, formatted
     * like the start prompt.
     *
     * @param text  the formatted messages
     * @param runId the host's id of this batch; the agent reports the last batch it took into the
     *              conversation as the {@link AgentOutput.Result#runId()}, or null (no batch id)
     */
    record Message(String text, String runId) implements AgentInput {
        public Message(String text) {
            this(text, null);
        }
    }

    /** Asks the agent to finish and exit. */
    record Close() implements AgentInput {}
}
