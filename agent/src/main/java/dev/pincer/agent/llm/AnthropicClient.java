package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic Messages API over {@code java.net.http}, streaming. It sends no credentials: the
 * base URL is the egress proxy's LLM route, which adds them. Retryable failures (429, 5xx, 529,
 * streamed overload, lost connections, stalls) are retried per {@link RetryPolicy}; anything else
 * fails with the API's own message.
 */
public final class AnthropicClient implements ModelClient {
    public static final String API_VERSION = "2023-06-01";
    static final String API = "Anthropic API";

    private final ModelEndpoint endpoint;
    private final ObjectMapper mapper;

    public AnthropicClient(URI baseUrl, CallSettings calls) {
        this.endpoint = new ModelEndpoint(API, ModelEndpoint.resolve(baseUrl, "/v1/messages"),
                Map.of("anthropic-version", API_VERSION), calls);
        this.mapper = calls.mapper();
    }

    /** An HTTP/1.1 client that never consults system proxy settings (the base URL is the proxy). */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(20))
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    @Override
    public ModelTurn send(MessagesRequest request, DraftListener drafts) throws ApiException, InterruptedException {
        return endpoint.send(request.toJson(mapper), new ModelEndpoint.Answer<>() {
            @Override
            public ModelTurn json(JsonNode message) throws IOException {
                return fromJson(message);
            }

            @Override
            public ModelTurn stream(SseReader events) throws IOException, ApiException {
                return events.readTurn(new StreamAccumulator(mapper, drafts));
            }
        });
    }

    /** A non-streamed answer (some proxies and compatible servers ignore {@code stream}). */
    private ModelTurn fromJson(JsonNode msg) throws IOException {
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode b : msg.path("content")) {
            switch (b.path("type").asText()) {
                case "text" -> {
                    if (!b.path("text").asText().isEmpty()) {
                        blocks.add(new ContentBlock.Text(b.path("text").asText()));
                    }
                }
                case "tool_use" -> blocks.add(new ContentBlock.ToolUse(b.path("id").asText(), b.path("name").asText(),
                        b.path("input").isObject() ? b.path("input") : mapper.createObjectNode()));
                case "server_tool_use" -> blocks.add(new ContentBlock.ServerToolUse(b.path("id").asText(),
                        b.path("name").asText(), b.path("input").isObject() ? b.path("input") : mapper.createObjectNode()));
                case "web_search_tool_result" -> blocks.add(new ContentBlock.WebSearchResult(
                        b.path("tool_use_id").asText(), b.path("content")));
                default -> { }
            }
        }
        JsonNode u = msg.path("usage");
        if (!msg.has("stop_reason")) {
            throw new IOException("the response is neither an SSE stream nor a message");
        }
        return new ModelTurn(blocks, msg.path("stop_reason").asText(), new Usage(u.path("input_tokens").asLong(),
                u.path("output_tokens").asLong(), u.path("cache_read_input_tokens").asLong(),
                u.path("cache_creation_input_tokens").asLong()));
    }
}
