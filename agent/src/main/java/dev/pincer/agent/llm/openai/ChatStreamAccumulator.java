package dev.pincer.agent.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.agent.llm.DraftListener;
import dev.pincer.agent.llm.ModelTurn;
import dev.pincer.agent.llm.SseReader;
import dev.pincer.agent.llm.TurnBuilder;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds one {@link ModelTurn} from a streamed Chat Completions response: {@code data: {...}}
 * chunks whose {@code choices[0].delta} carries text pieces and tool call pieces (by
 * {@code index}: id and name once, {@code function.arguments} in fragments), a
 * {@code finish_reason}, a last chunk with {@code usage} (asked for with
 * {@code stream_options.include_usage}) and {@code data: [DONE]}. An {@code error} chunk becomes an
 * {@link ApiException}; a stream that ends with neither a finish reason nor {@code [DONE]} is an
 * I/O failure.
 */
public final class ChatStreamAccumulator implements TurnBuilder {
    private final ObjectMapper mapper;
    private final DraftListener drafts;
    private final StringBuilder text = new StringBuilder();
    private final TreeMap<Integer, Call> calls = new TreeMap<>();
    private String finishReason;
    private JsonNode usage;
    private boolean done;

    /** A tool call being received. */
    private static final class Call {
        String id = "";
        String name = "";
        final StringBuilder arguments = new StringBuilder();
    }

    /** @param drafts hears the answer's text as it grows */
    public ChatStreamAccumulator(ObjectMapper mapper, DraftListener drafts) {
        this.mapper = mapper;
        this.drafts = drafts;
    }

    @Override
    public void accept(SseReader.Event event) throws IOException, ApiException {
        accept(event.data());
    }

    /** Ends at {@code [DONE]}; a stream that ends after a {@code finish_reason} without it is complete too. */
    @Override
    public boolean done() {
        return done;
    }

    /** Applies the data of one event. */
    public void accept(String data) throws IOException, ApiException {
        String d = data.strip();
        if (d.isEmpty()) {
            return;
        }
        if (d.equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk = mapper.readTree(d);
        JsonNode error = chunk.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String type = error.path("type").isTextual() ? error.path("type").asText() : error.path("code").asText("api_error");
            throw new ApiException(OpenAiClient.API, 200, type.isEmpty() ? "api_error" : type,
                    error.isTextual() ? error.asText() : error.path("message").asText("stream error"), null, null);
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.path("usage");
        }
        JsonNode choice = chunk.path("choices").path(0);
        if (!choice.isObject()) {
            return;
        }
        JsonNode delta = choice.path("delta");
        if (delta.path("content").isTextual() && !delta.path("content").asText().isEmpty()) {
            text.append(delta.path("content").asText());
            drafts.text(text);
        }
        for (JsonNode piece : delta.path("tool_calls")) {
            int index = piece.path("index").asInt(calls.size());
            Call call = calls.computeIfAbsent(index, i -> new Call());
            if (!piece.path("id").asText("").isEmpty()) {
                call.id = piece.path("id").asText();
            }
            JsonNode fn = piece.path("function");
            if (!fn.path("name").asText("").isEmpty()) {
                call.name = fn.path("name").asText();
            }
            JsonNode args = fn.path("arguments");
            call.arguments.append(args.isObject() ? args.toString() : args.asText(""));
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.path("finish_reason").asText();
        }
    }

    @Override
    public ModelTurn turn() throws IOException, ApiException {
        if (!done && finishReason == null) {
            throw new IOException("the response stream ended before a finish_reason or [DONE]");
        }
        List<ContentBlock> blocks = new ArrayList<>();
        if (!text.isEmpty()) {
            blocks.add(new ContentBlock.Text(text.toString()));
        }
        for (var e : calls.entrySet()) {
            Call c = e.getValue();
            blocks.add(new ContentBlock.ToolUse(ChatTranslator.callId(c.id, e.getKey()), c.name,
                    ChatTranslator.arguments(mapper.getNodeFactory().textNode(c.arguments.toString()), c.name, mapper)));
        }
        Usage u = ChatTranslator.usage(usage);
        return new ModelTurn(blocks, ChatTranslator.stopReason(finishReason, !calls.isEmpty()), u);
    }
}
