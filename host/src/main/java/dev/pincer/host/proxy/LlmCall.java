package dev.pincer.host.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** Reads the request; 400 when it names no model the way its endpoint expects. */
    static LlmCall parse(LlmEndpoint endpoint, String contentType, byte[] body) throws ProxyRefusal {
        if (endpoint.multipart()) {
            return new LlmCall(endpoint, multipartModel(contentType, body), false, body);
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject() || !json.path("model").isTextual()) {
            throw new ProxyRefusal(400, "the request body must be a JSON object naming its \"model\"");
        }
        boolean stream = json.path("stream").asBoolean(false);
        if (endpoint == LlmEndpoint.CHAT_COMPLETIONS && stream
                && !json.path("stream_options").path("include_usage").asBoolean(false)) {
            JsonNode options = json.path("stream_options");
            ObjectNode o = options.isObject() ? (ObjectNode) options : ((ObjectNode) json).putObject("stream_options");
            o.put("include_usage", true);
            try {
                body = Json.MAPPER.writeValueAsBytes(json);
            } catch (IOException e) {
                throw new ProxyRefusal(400, "the request body cannot be re-encoded");
            }
        }
        return new LlmCall(endpoint, json.path("model").asText(), stream, body);
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
