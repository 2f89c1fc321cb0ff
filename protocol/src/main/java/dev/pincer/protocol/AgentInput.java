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
     * @param runId     host-chosen id, echoed in the {@link AgentOutput.Result}
     * @param prompt    the formatted messages since the group's cursor (or a task prompt)
     * @param sessionId the session to resume, or null for a new one
     * @param group     the group the run belongs to (missing in the JSON: an unnamed, non-main group)
     * @param setup     how the agent is set up (missing in the JSON: no name, provider or model given)
     */
    record Start(String runId, String prompt, String sessionId, Group group, Setup setup) implements AgentInput {

        public Start {
            group = group == null ? new Group(null, null, false) : group;
            setup = setup == null ? new Setup(null, null, null, null, null) : setup;
        }

        /** The same start answering another batch (a follow-up fed into the live sandbox). */
        public Start withRunId(String id) {
            return new Start(id, prompt, sessionId, group, setup);
        }
    }

    /**
     * @param folder the group's folder name (informational: identity comes from the mount)
     * @param chat   the chat id the run answers in
     * @param isMain whether this is the owner's main group
     */
    record Group(String folder, String chat, boolean isMain) {}

    /**
     * @param assistantName the assistant's name, e.g. "Andy"
     * @param provider      {@code anthropic} or {@code openai}
     * @param model         the model to call, or null: the agent's default
     * @param mcpServers    the group's MCP servers by name, sorted (missing in the JSON: none)
     * @param teammate      the definition this run acts as (a sandboxed teammate started by the
     *                      host tool {@code start_teammate}), or null: an ordinary run
     */
    record Setup(String assistantName, String provider, String model, Map<String, McpServerSpec> mcpServers,
                 AgentDefinition teammate) {
        public Setup {
            mcpServers = mcpServers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(mcpServers));
        }

        /** An ordinary (non-teammate) setup. */
        public Setup(String assistantName, String provider, String model, Map<String, McpServerSpec> mcpServers) {
            this(assistantName, provider, model, mcpServers, null);
        }

        /** The same setup for a run acting as {@code definition}. */
        public Setup asTeammate(AgentDefinition definition) {
            return new Setup(assistantName, provider, model, mcpServers, definition);
        }

        /** A setup without MCP servers. */
        public Setup(String assistantName, String provider, String model) {
            this(assistantName, provider, model, Map.of());
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
