package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading tool inputs; a malformed input throws {@link IllegalArgumentException} with a message for the model. */
final class ToolInputs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ToolInputs() {}

    static String requiredString(JsonNode input, String field) {
        JsonNode v = input.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("the required parameter `" + field + "` is missing or not a string");
        }
        return v.asText();
    }

    /** An optional integer; {@code fallback} when absent or null. */
    static long optionalLong(JsonNode input, String field, long fallback) {
        JsonNode v = input.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (v.isNumber() || v.isTextual() && v.asText().strip().matches("-?\\d+")) {
            return v.isNumber() ? v.asLong() : Long.parseLong(v.asText().strip());
        }
        throw new IllegalArgumentException("the parameter `" + field + "` must be a number");
    }

    /** Parses a JSON Schema written as a text block. */
    static JsonNode schema(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("bad built-in schema", e);
        }
    }
}
