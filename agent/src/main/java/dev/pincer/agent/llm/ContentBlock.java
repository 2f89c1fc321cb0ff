package dev.pincer.agent.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * A block of a message's content, in the Anthropic wire shape ({@code "type": text|tool_use|tool_result},
 * plus the server-side tool blocks the API itself executes, kept verbatim and never run here).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ContentBlock.Text.class, name = "text"),
    @JsonSubTypes.Type(value = ContentBlock.ToolUse.class, name = "tool_use"),
    @JsonSubTypes.Type(value = ContentBlock.ToolResult.class, name = "tool_result"),
    @JsonSubTypes.Type(value = ContentBlock.ServerToolUse.class, name = "server_tool_use"),
    @JsonSubTypes.Type(value = ContentBlock.WebSearchResult.class, name = "web_search_tool_result")
})
public sealed interface ContentBlock {

    record Text(String text) implements ContentBlock {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A tool call by the model; {@code input} is a JSON object. */
    record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
        }

        /**
         * A tool's input as the model streamed it: the JSON text of an object, empty meaning {@code {}}.
         *
         * @throws ApiException (retryable, as a stream error of {@code api}) when it is not a JSON object
         */
        public static JsonNode parseInput(String json, String tool, String api, ObjectMapper mapper) throws ApiException {
            if (json.isBlank()) {
                return mapper.createObjectNode();
            }
            try {
                JsonNode input = mapper.readTree(json);
                if (input.isObject()) {
                    return input;
                }
            } catch (IOException e) {
                // reported below
            }
            throw new ApiException(api, 200, "api_error", "the model sent invalid JSON as the input of tool " + tool, null, null);
        }
    }

    /** The answer to a {@link ToolUse}; {@code isError} is written only when true. */
    record ToolResult(@JsonProperty("tool_use_id") String toolUseId, String content,
                      @JsonProperty("is_error") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean isError)
            implements ContentBlock {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A tool the API ran on its own side (e.g. {@code web_search}); sent back as it came, never
     * executed by the agent.
     */
    record ServerToolUse(String id, String name, JsonNode input) implements ContentBlock {
        public ServerToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
        }
    }

    /** The API's own result of a {@link ServerToolUse} web search; {@code content} is kept verbatim. */
    record WebSearchResult(@JsonProperty("tool_use_id") String toolUseId, JsonNode content) implements ContentBlock {
        public WebSearchResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(content, "content");
        }
    }
}
