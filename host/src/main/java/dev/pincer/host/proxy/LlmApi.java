package dev.pincer.host.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The two API families the LLM route speaks: how each shapes an error and reports usage. The
 * provider's own numbers are the only source of what a call cost; nothing the agent reports counts.
 */
public enum LlmApi {
    /** The Anthropic Messages API ({@code PINCER_PROVIDER=anthropic}). */
    ANTHROPIC,
    /** OpenAI-compatible APIs: Chat Completions, Responses, Embeddings ({@code PINCER_PROVIDER=openai}). */
    OPENAI;

    /** The API of {@code PINCER_PROVIDER}. */
    public static LlmApi of(String provider) {
        return switch (provider) {
            case "anthropic" -> ANTHROPIC;
            case "openai" -> OPENAI;
            default -> throw new IllegalArgumentException("unknown provider " + provider + " (anthropic or openai)");
        };
    }

    /**
     * An error body in this API's shape, which the agent's clients (and the providers' SDKs) read:
     * {@code {"type":"error","error":{"type","message"}}} or {@code {"error":{"message","type","code"}}}.
     */
    byte[] errorBody(String type, String message) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (this == ANTHROPIC) {
            root.put("type", "error").putObject("error").put("type", type).put("message", message);
        } else {
            root.putObject("error").put("message", message).put("type", type).put("code", type);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What one {@code usage} object says, field by field; a field the object lacks is null, so the
     * counts of a stream (Anthropic sends input in {@code message_start}, the final output in
     * {@code message_delta}) merge with {@link Partial#merge}.
     */
    Partial usage(JsonNode u) {
        if (!u.isObject()) {
            return Partial.NONE;
        }
        if (this == ANTHROPIC) {
            return new Partial(number(u, "input_tokens"), number(u, "output_tokens"),
                    number(u, "cache_read_input_tokens"), number(u, "cache_creation_input_tokens"));
        }
        // Chat Completions and Embeddings count prompt_tokens, Responses input_tokens; both include the cached part.
        boolean chat = u.has("prompt_tokens") || u.has("completion_tokens");
        Long prompt = number(u, chat ? "prompt_tokens" : "input_tokens");
        Long cached = number(u.path(chat ? "prompt_tokens_details" : "input_tokens_details"), "cached_tokens");
        Long output = number(u, chat ? "completion_tokens" : "output_tokens");
        long c = cached == null ? 0 : cached;
        return prompt == null ? new Partial(null, output, null, null) : new Partial(Math.max(0, prompt - c), output, c, null);
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isIntegralNumber() && v.asLong() >= 0 ? v.asLong() : null;
    }

    /** Token counts, each null when not reported (yet). */
    record Partial(Long input, Long output, Long cacheRead, Long cacheWrite) {
        static final Partial NONE = new Partial(null, null, null, null);

        /** {@code later}'s fields where it has them (the API reports running totals), else these. */
        Partial merge(Partial later) {
            return new Partial(later.input != null ? later.input : input, later.output != null ? later.output : output,
                    later.cacheRead != null ? later.cacheRead : cacheRead,
                    later.cacheWrite != null ? later.cacheWrite : cacheWrite);
        }

        Usage toUsage() {
            return new Usage(input == null ? 0 : input, output == null ? 0 : output,
                    cacheRead == null ? 0 : cacheRead, cacheWrite == null ? 0 : cacheWrite);
        }
    }
}
