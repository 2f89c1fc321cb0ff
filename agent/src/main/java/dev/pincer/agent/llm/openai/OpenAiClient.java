package dev.pincer.agent.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.CallSettings;
import dev.pincer.agent.llm.MessagesRequest;
import dev.pincer.agent.llm.ModelEndpoint;
import dev.pincer.agent.llm.DraftListener;
import dev.pincer.agent.llm.ModelClient;
import dev.pincer.agent.llm.ModelTurn;
import dev.pincer.agent.llm.RetryPolicy;
import dev.pincer.agent.llm.SseReader;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * An OpenAI-compatible Chat Completions API ({@code POST {base}/chat/completions}, streaming) over
 * {@code java.net.http}: OpenAI, Ollama, vLLM, OpenRouter. Like the Anthropic client it sends no
 * credentials (the base URL is the egress proxy's LLM route, which adds {@code Authorization} and
 * knows the upstream) and retries 429, 5xx, lost connections and stalls per {@link RetryPolicy}.
 */
public final class OpenAiClient implements ModelClient {
    static final String API = "OpenAI-compatible API";

    private final ModelEndpoint endpoint;
    private final ObjectMapper mapper;

    public OpenAiClient(URI baseUrl, CallSettings calls) {
        this.endpoint = new ModelEndpoint(API, ModelEndpoint.resolve(baseUrl, "/chat/completions"), Map.of(), calls);
        this.mapper = calls.mapper();
    }

    @Override
    public ModelTurn send(MessagesRequest request, DraftListener drafts) throws ApiException, InterruptedException {
        return endpoint.send(ChatTranslator.request(request, true, mapper), new ModelEndpoint.Answer<>() {
            @Override
            public ModelTurn json(JsonNode completion) throws IOException, ApiException {
                return ChatTranslator.response(completion, mapper);
            }

            @Override
            public ModelTurn stream(SseReader events) throws IOException, ApiException {
                return events.readTurn(new ChatStreamAccumulator(mapper, drafts));
            }
        });
    }
}
