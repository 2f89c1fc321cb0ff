package dev.pincer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The conversation rules the real Messages API enforces with a 400 {@code invalid_request_error},
 * so tests catch a malformed history here rather than in production: every {@code tool_use} is
 * answered by a {@code tool_result} in the next user turn, results come first in that turn, no
 * result without its call, no empty text blocks, images and documents only as base64 sources of a
 * type the API takes and without fields of its own. Consecutive turns of one role are merged first,
 * as the real API does.
 */
final class RequestValidator {
    private RequestValidator() {}

    /** Returns null when the body is acceptable, else the error message. */
    static String problem(JsonNode body) {
        if (!body.isObject()) {
            return "request body must be a JSON object";
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "messages: field required (at least one message)";
        }
        List<Turn> turns = new ArrayList<>();
        for (int index = 0; index < messages.size(); index++) {
            JsonNode m = messages.get(index);
            for (var names = m.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!field.equals("role") && !field.equals("content")) {
                    return "messages." + index + "." + field + ": Extra inputs are not permitted";
                }
            }
            String role = m.path("role").asText();
            if (!role.equals("user") && !role.equals("assistant")) {
                return "messages: role must be 'user' or 'assistant', got '" + role + "'";
            }
            List<JsonNode> blocks = new ArrayList<>();
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                blocks.add(JsonNodeFactory.instance.objectNode().put("type", "text").put("text", content.asText()));
            } else if (content.isArray()) {
                content.forEach(blocks::add);
            } else {
                return "messages: content must be a string or an array of content blocks";
            }
            if (!turns.isEmpty() && turns.getLast().role.equals(role)) {
                turns.getLast().blocks.addAll(blocks);
            } else {
                turns.add(new Turn(role, blocks));
            }
        }
        for (int i = 0; i < turns.size(); i++) {
            String p = checkTurn(turns, i);
            if (p != null) {
                return "messages." + i + ": " + p;
            }
        }
        return null;
    }

    private record Turn(String role, List<JsonNode> blocks) {}

    private static String checkTurn(List<Turn> turns, int i) {
        Turn turn = turns.get(i);
        boolean seenOther = false;
        for (JsonNode b : turn.blocks) {
            String type = b.path("type").asText();
            if (type.equals("text") && b.path("text").asText().isEmpty()) {
                return "text content blocks must be non-empty";
            }
            String media = type.equals("image") || type.equals("document") ? mediaProblem(type, b) : null;
            if (media != null) {
                return media;
            }
            if (type.equals("tool_result")) {
                if (seenOther) {
                    return "`tool_result` blocks must come first in the user message, before any other content";
                }
                Set<String> calls = i == 0 ? Set.of() : toolUseIds(turns.get(i - 1));
                String id = b.path("tool_use_id").asText();
                if (!turn.role.equals("user") || !calls.contains(id)) {
                    return "unexpected `tool_use_id` found in `tool_result` blocks: " + id
                            + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";
                }
            } else {
                seenOther = true;
            }
        }
        if (turn.role.equals("assistant")) {
            Set<String> missing = toolUseIds(turn);
            if (!missing.isEmpty() && i + 1 < turns.size()) {
                for (JsonNode b : turns.get(i + 1).blocks) {
                    missing.remove(b.path("tool_use_id").asText());
                }
            }
            // a trailing assistant turn is a prefill: tool_use there is also an error
            if (!missing.isEmpty()) {
                return "`tool_use` ids were found without `tool_result` blocks immediately after: "
                        + String.join(", ", missing) + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.";
            }
        }
        return null;
    }

    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private static String mediaProblem(String type, JsonNode block) {
        Set<String> allowed = type.equals("image") ? Set.of("type", "source", "cache_control")
                : Set.of("type", "source", "cache_control", "title", "context", "citations");
        for (var names = block.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                return type + "." + field + ": Extra inputs are not permitted";
            }
        }
        JsonNode source = block.path("source");
        String mediaType = source.path("media_type").asText();
        if (!source.path("type").asText().equals("base64") || source.path("data").asText().isEmpty()) {
            return type + ".source: a base64 source with data is required";
        }
        boolean known = type.equals("image") ? IMAGE_TYPES.contains(mediaType) : mediaType.equals("application/pdf");
        return known ? null : type + ".source.media_type: '" + mediaType + "' is not supported";
    }

    private static Set<String> toolUseIds(Turn turn) {
        Set<String> ids = new LinkedHashSet<>();
        if (turn.role.equals("assistant")) {
            for (JsonNode b : turn.blocks) {
                if ("tool_use".equals(b.path("type").asText())) {
                    ids.add(b.path("id").asText());
                }
            }
        }
        return ids;
    }
}
