package dev.pincer.host.hosttools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Predicate;

/** Reading a tool's arguments; a bad one throws {@link IllegalArgumentException} with a message for the agent. */
final class Args {
    static final int MAX_TEXT = 100_000;

    private final JsonNode node;

    Args(JsonNode node) {
        this.node = node;
    }

    String required(String name, int maxLength) {
        String v = optional(name, maxLength);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("`" + name + "` is required");
        }
        return v;
    }

    /** A string, or null when absent or null. */
    String optional(String name, int maxLength) {
        JsonNode v = value(name, JsonNode::isTextual, "a string");
        if (v == null) {
            return null;
        }
        if (v.asText().length() > maxLength) {
            throw new IllegalArgumentException("`" + name + "` is longer than " + maxLength + " characters");
        }
        return v.asText();
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    String oneOf(String name, List<String> allowed, String fallback) {
        return oneOf(name, allowed, fallback, false);
    }

    /** One of {@code allowed}; when absent {@code fallback}, which may be null only if {@code optional}. */
    String oneOf(String name, List<String> allowed, String fallback, boolean optional) {
        String v = optional(name, 64);
        if (v == null) {
            if (fallback == null && !optional) {
                throw new IllegalArgumentException("`" + name + "` is required: one of " + String.join(", ", allowed));
            }
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("`" + name + "` must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
        }
        return v;
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    int integer(String name, int min, int max, int fallback) {
        JsonNode v = value(name, JsonNode::isIntegralNumber, "a whole number");
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw new IllegalArgumentException("`" + name + "` must be from " + min + " to " + max + ", not " + v);
        }
        return v.asInt();
    }

    boolean bool(String name, boolean fallback) {
        JsonNode v = value(name, JsonNode::isBoolean, "true or false");
        return v == null ? fallback : v.asBoolean();
    }

    /** The argument, or null when absent or null; one of another JSON type is refused, saying it must be {@code what}. */
    private JsonNode value(String name, Predicate<JsonNode> type, String what) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!type.test(v)) {
            throw new IllegalArgumentException("`" + name + "` must be " + what);
        }
        return v;
    }
}
