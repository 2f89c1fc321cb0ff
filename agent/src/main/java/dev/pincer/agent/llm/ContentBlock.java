package dev.pincer.agent.llm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Objects;

/**
 * A block of a message's content, in the Anthropic wire shape ({@code "type": text|tool_use|tool_result},
 * the user's files as {@code image} and {@code document}, plus the server-side tool blocks the API
 * itself executes, kept verbatim and never run here).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ContentBlock.Text.class, name = "text"),
    @JsonSubTypes.Type(value = ContentBlock.ToolUse.class, name = "tool_use"),
    @JsonSubTypes.Type(value = ContentBlock.ToolResult.class, name = "tool_result"),
    @JsonSubTypes.Type(value = ContentBlock.Image.class, name = "image"),
    @JsonSubTypes.Type(value = ContentBlock.Document.class, name = "document"),
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

    /** A file's data as the API takes it: {@code {"type":"base64","media_type":"image/png","data":"..."}}. */
    record Source(String type, @JsonProperty("media_type") String mediaType, String data) {
        public static final String BASE64 = "base64";

        public Source {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(data, "data");
        }

        public static Source base64(String mediaType, byte[] bytes) {
            return new Source(BASE64, mediaType, Base64.getEncoder().encodeToString(bytes));
        }
    }

    /**
     * The file a media block was read from, as the sandbox sees it. Never sent to a model: the
     * transcript keeps it instead of the data, and the archive shows the name.
     *
     * @param path     the file read (for an image, its downscaled view when there is one)
     * @param name     the file's name as the user sent it
     * @param textView a text version the agent can read with its tools (a PDF's text), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileRef(String path, String name, @JsonProperty("text_view") String textView) {
        public FileRef {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(name, "name");
        }
    }

    /** An image the user sent (JPEG, PNG, GIF or WebP); {@code file} is null when it came from no file. */
    record Image(Source source, @JsonIgnore FileRef file) implements ContentBlock {
        public Image {
            Objects.requireNonNull(source, "source");
        }
    }

    /** A PDF the user sent; {@code title} (its name) may be null, {@code file} as for {@link Image}. */
    record Document(Source source, @JsonInclude(JsonInclude.Include.NON_NULL) String title, @JsonIgnore FileRef file)
            implements ContentBlock {
        public Document {
            Objects.requireNonNull(source, "source");
        }
    }
}
