package dev.pincer.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Predicate;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/** JSON in and out: one configured mapper, and typed field readers that answer 400 on a wrong type. */
final class Json {
    private Json() {}

    /** Times (and other java.time values) are written as ISO-8601 text, e.g. {@code 2026-12-02T15:04:05Z}. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("java.time as text")
                    .addSerializer(java.time.temporal.Temporal.class,
                            com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance)
                    .addSerializer(java.time.Instant.class, com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance)
                    .addSerializer(java.time.LocalDate.class, com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

    /** Parses a request body that must be one JSON object in UTF-8. */
    static ObjectNode object(byte[] body) {
        if (body.length == 0) {
            throw HttpError.badRequest("the request body is empty; send a JSON object");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        CoderResult decoded = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(body.length), true);
        if (decoded.isError()) {
            throw HttpError.badRequest("the request body is not valid UTF-8 (byte " + (in.position() + 1)
                    + "); send JSON encoded as UTF-8");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw HttpError.badRequest("invalid JSON: " + e.getMessage());
        }
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw HttpError.badRequest("the request body must be a JSON object, not " + kind(node));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    /** A string field, or null when absent or JSON null; any other type is a 400. */
    static String string(ObjectNode o, String field) {
        JsonNode v = field(o, field, JsonNode::isTextual, "a string");
        return v == null ? null : v.textValue();
    }

    /** A string field that must be present and not blank. */
    static String requiredString(ObjectNode o, String field) {
        String s = string(o, field);
        if (s == null || s.isBlank()) {
            throw HttpError.badRequest("field '" + field + "' is required and must not be empty");
        }
        return s;
    }

    /** A boolean field, or {@code fallback} when absent or JSON null; any other type is a 400. */
    static boolean bool(ObjectNode o, String field, boolean fallback) {
        JsonNode v = field(o, field, JsonNode::isBoolean, "true or false");
        return v == null ? fallback : v.booleanValue();
    }

    /** The field, or null when absent or JSON null; one of another JSON type is a 400 saying it must be {@code what}. */
    private static JsonNode field(ObjectNode o, String field, Predicate<JsonNode> type, String what) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!type.test(v)) {
            throw HttpError.badRequest("field '" + field + "' must be " + what);
        }
        return v;
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
