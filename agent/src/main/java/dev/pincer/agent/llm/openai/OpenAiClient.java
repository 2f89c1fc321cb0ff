package dev.pincer.agent.llm.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.HttpCalls;
import dev.pincer.agent.llm.MessagesRequest;
import dev.pincer.agent.llm.ModelClient;
import dev.pincer.agent.llm.ModelTurn;
import dev.pincer.agent.llm.RetryPolicy;
import dev.pincer.agent.llm.SseReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An OpenAI-compatible Chat Completions API ({@code POST {base}/chat/completions}, streaming) over
 * {@code java.net.http}: OpenAI, Ollama, vLLM, OpenRouter. Like the Anthropic client it sends no
 * credentials (the base URL is the egress proxy's LLM route, which adds {@code Authorization} and
 * knows the upstream) and retries 429, 5xx and lost connections per {@link RetryPolicy}.
 */
public final class OpenAiClient implements ModelClient {
    static final String API = "OpenAI-compatible API";

    private final HttpClient http;
    private final URI endpoint;
    private final RetryPolicy retry;
    private final ObjectMapper mapper;

    public OpenAiClient(HttpClient http, URI baseUrl, RetryPolicy retry, ObjectMapper mapper) {
        this.http = http;
        this.endpoint = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/chat/completions");
        this.retry = retry;
        this.mapper = mapper;
    }

    @Override
    public ModelTurn send(MessagesRequest request) throws ApiException, InterruptedException {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(ChatTranslator.request(request, true, mapper));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the request", e);
        }
        return HttpCalls.withRetries(retry, () -> once(body));
    }

    private ModelTurn once(byte[] body) throws ApiException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(10))
                .header("content-type", "application/json")
                .header("accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw HttpCalls.error(API, mapper, response.statusCode(), in.readNBytes(HttpCalls.MAX_ERROR_BODY),
                            response.headers());
                }
                String type = response.headers().firstValue("content-type").orElse("");
                if (type.startsWith("application/json")) {
                    return ChatTranslator.response(mapper.readTree(in), mapper);
                }
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                return ChatStreamAccumulator.read(new SseReader(reader), mapper);
            }
        } catch (IOException e) {
            throw HttpCalls.unreachable(API, endpoint, e);
        }
    }
}
