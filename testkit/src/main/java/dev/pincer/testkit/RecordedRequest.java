package dev.pincer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request {@link FakeAnthropic} received.
 *
 * @param method  HTTP method
 * @param path    the request path (without query)
 * @param headers header values by lower-cased name
 * @param body    the JSON body, or a {@link MissingNode} when the body was empty or not JSON
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, JsonNode body) {

    /** A tool_result block of the request's last user message. */
    public record ToolResultView(String toolUseId, String content, boolean isError) {}

    public RecordedRequest {
        headers = Map.copyOf(headers);
        body = body == null ? MissingNode.getInstance() : body;
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Whether the request asked for a stream ({@code "stream": true}). */
    public boolean stream() {
        return body.path("stream").asBoolean(false);
    }

    /** The requested model, or null. */
    public String model() {
        return body.path("model").isTextual() ? body.path("model").asText() : null;
    }

    /** The request's messages (empty when there are none). */
    public List<JsonNode> messages() {
        List<JsonNode> list = new ArrayList<>();
        body.path("messages").forEach(list::add);
        return list;
    }

    /** The system prompt as text (string form or concatenated text blocks), or "" when absent. */
    public String system() {
        return textOf(body.path("system"));
    }

    /** Names of the tools offered to the model. */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    /**
     * The text of the last user message: its text blocks and the contents of its tool_result
     * blocks, joined by newlines. "" when there is no user message.
     */
    public String lastUserText() {
        JsonNode last = lastUserMessage();
        return last == null ? "" : textOf(last.path("content"));
    }

    /** The tool_result blocks of the last user message, in order. */
    public List<ToolResultView> toolResults() {
        List<ToolResultView> results = new ArrayList<>();
        JsonNode last = lastUserMessage();
        if (last != null) {
            for (JsonNode block : last.path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    results.add(new ToolResultView(block.path("tool_use_id").asText(),
                            textOf(block.path("content")), block.path("is_error").asBoolean(false)));
                }
            }
        }
        return results;
    }

    private JsonNode lastUserMessage() {
        JsonNode found = null;
        for (JsonNode m : body.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                found = m;
            }
        }
        return found;
    }

    /** Text of a content value: a string, or an array of text / tool_result blocks. */
    static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> parts.add(block.path("text").asText());
                case "tool_result" -> parts.add(textOf(block.path("content")));
                default -> { }
            }
        }
        return String.join("\n", parts);
    }
}
