package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Messages API call. {@link #toJson} adds three prompt-cache breakpoints: on the last tool
 * definition (the tools are the most stable prefix), on the system prompt block (tools and system)
 * and at the end of the conversation, so each turn reuses the last. The API allows four.
 *
 * @param tools the tool definitions ({@code name}, {@code description}, {@code input_schema})
 */
public record MessagesRequest(String model, int maxTokens, String system, ArrayNode tools, List<ChatMessage> messages) {

    public MessagesRequest {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        messages = List.copyOf(messages);
    }

    /** The streaming request body. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", model).put("max_tokens", maxTokens).put("stream", true);
        if (system != null && !system.isBlank()) {
            ObjectNode block = body.putArray("system").addObject().put("type", "text").put("text", system);
            block.putObject("cache_control").put("type", "ephemeral");
        }
        if (tools != null && !tools.isEmpty()) {
            ArrayNode copy = tools.deepCopy();
            ((ObjectNode) copy.get(copy.size() - 1)).putObject("cache_control").put("type", "ephemeral");
            body.set("tools", copy);
        }
        ArrayNode list = mapper.valueToTree(messages);
        JsonNode lastContent = list.get(list.size() - 1).path("content");
        if (lastContent.isArray() && !lastContent.isEmpty()) {
            ((ObjectNode) lastContent.get(lastContent.size() - 1)).putObject("cache_control").put("type", "ephemeral");
        }
        body.set("messages", list);
        return body;
    }
}
