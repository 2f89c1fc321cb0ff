package dev.pincer.host.proxy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request on the LLM route, read whole so the proxy can check it before anything leaves:
 * which endpoint, which model, whether the answer streams, and the body to send.
 *
 * @param body the bytes to forward: the request's own, except that a streamed Chat Completions
 *             request is given {@code stream_options.include_usage} (so the stream reports usage)
 */
record LlmCall(LlmEndpoint endpoint, String model, boolean stream, byte[] body) {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)multipart/form-data\\s*;.*?boundary=\"?([^\";]{1,70})\"?");
    private static final Pattern MODEL_PART = Pattern.compile(
            "\r\nContent-Disposition:[ \t]*form-data;[ \t]*name=\"model\"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]{0,200})\r\n",
            Pattern.CASE_INSENSITIVE);

    /**
     * Reads the request; 400 when it names no model the way its endpoint expects. A JSON body is read
     * as a stream (its content is not held twice) and must be one object with no repeated top-level
     * field, so the proxy and the provider cannot disagree about which {@code model} it names.
     */
    static LlmCall parse(LlmEndpoint endpoint, String contentType, byte[] body) throws ProxyRefusal {
        if (endpoint.multipart()) {
            return new LlmCall(endpoint, multipartModel(contentType, body), false, body);
        }
        Top top;
        try {
            top = Top.read(body);
        } catch (IOException e) {
            top = null;
        }
        if (top == null || top.model() == null) {
            throw new ProxyRefusal(400, "the request body must be a JSON object naming its \"model\" once");
        }
        if (endpoint == LlmEndpoint.CHAT_COMPLETIONS && top.stream() && !top.includeUsage()) {
            body = withIncludeUsage(body);
        }
        return new LlmCall(endpoint, top.model(), top.stream(), body);
    }

    /** What the proxy needs of a JSON body's top level; null model when absent or not a string. */
    private record Top(String model, boolean stream, boolean includeUsage) {
        /** Null when the body is not one JSON object or repeats a top-level field. */
        static Top read(byte[] body) throws IOException {
            try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                Set<String> seen = new HashSet<>();
                String model = null;
                boolean stream = false;
                boolean includeUsage = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (!seen.add(name)) {
                        return null;
                    }
                    switch (name) {
                        case "model" -> model = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        case "stream" -> stream = value == JsonToken.VALUE_TRUE;
                        case "stream_options" -> includeUsage = value == JsonToken.START_OBJECT
                                && Json.MAPPER.<JsonNode>readTree(p).path("include_usage").asBoolean(false);
                        default -> p.skipChildren();
                    }
                }
                return p.nextToken() == null ? new Top(model, stream, includeUsage) : null;
            }
        }
    }

    /** The body with {@code stream_options.include_usage: true}, so the stream ends with a usage chunk. */
    private static byte[] withIncludeUsage(byte[] body) throws ProxyRefusal {
        try {
            ObjectNode json = (ObjectNode) Json.MAPPER.readTree(body);
            JsonNode options = json.path("stream_options");
            (options.isObject() ? (ObjectNode) options : json.putObject("stream_options")).put("include_usage", true);
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new ProxyRefusal(400, "the request body cannot be re-encoded");
        }
    }

    /** The {@code model} field of a {@code multipart/form-data} body. */
    private static String multipartModel(String contentType, byte[] body) throws ProxyRefusal {
        Matcher b = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!b.find()) {
            throw new ProxyRefusal(400, "a transcription request must be multipart/form-data with a boundary");
        }
        // ISO-8859-1 maps bytes to chars one to one, so binary parts cannot break the search
        String text = "\r\n" + new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "\r\n--" + b.group(1);
        for (String part : text.split(Pattern.quote(delimiter), -1)) {
            Matcher m = MODEL_PART.matcher(part + "\r\n");
            if (m.lookingAt()) {
                return new String(m.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        throw new ProxyRefusal(400, "the multipart body has no \"model\" field");
    }
}
