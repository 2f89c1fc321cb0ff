package dev.pincer.host.proxy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The provider endpoints the LLM route forwards, all {@code POST}, each by its path relative to the
 * configured upstream (as the agent's clients call it: {@code ANTHROPIC_BASE_URL + /v1/messages},
 * {@code OPENAI_BASE_URL + /chat/completions}, where {@code OPENAI_BASE_URL} usually ends in
 * {@code /v1}). Nothing else is forwarded: no files, batches, admin, organisation or model listings.
 */
public enum LlmEndpoint {
    MESSAGES(LlmApi.ANTHROPIC, "/v1/messages"),
    /** Free: counts as no model call. */
    COUNT_TOKENS(LlmApi.ANTHROPIC, "/v1/messages/count_tokens"),
    CHAT_COMPLETIONS(LlmApi.OPENAI, "/chat/completions"),
    RESPONSES(LlmApi.OPENAI, "/responses"),
    EMBEDDINGS(LlmApi.OPENAI, "/embeddings"),
    /** Only when transcription is configured; a {@code multipart/form-data} body. */
    TRANSCRIPTIONS(LlmApi.OPENAI, "/audio/transcriptions");

    private final LlmApi api;
    private final String path;

    LlmEndpoint(LlmApi api, String path) {
        this.api = api;
        this.path = path;
    }

    /** The endpoint of {@code api} at {@code relativePath} (no query), if it is one. */
    static Optional<LlmEndpoint> of(LlmApi api, String relativePath) {
        return Arrays.stream(values()).filter(e -> e.api == api && e.path.equals(relativePath)).findFirst();
    }

    LlmApi api() {
        return api;
    }

    public String path() {
        return path;
    }

    /**
     * Whether a call counts against {@code PINCER_MAX_TURNS}: every endpoint but token counting, so an
     * endpoint added later counts unless it is named here as free (the budgets fail closed).
     */
    public boolean modelCall() {
        return this != COUNT_TOKENS;
    }

    /** Whether the body is multipart form data rather than JSON. */
    boolean multipart() {
        return this == TRANSCRIPTIONS;
    }
}
