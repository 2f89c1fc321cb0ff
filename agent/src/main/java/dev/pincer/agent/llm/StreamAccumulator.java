package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds one {@link ModelTurn} from the events of a streamed Messages API response: text deltas,
 * {@code input_json_delta} pieces joined into each tool call's input, stop reason and usage from
 * {@code message_start} / {@code message_delta}. An {@code error} event becomes an
 * {@link ApiException}; a stream that ends before {@code message_stop} is an I/O failure.
 * Server tool blocks ({@code server_tool_use}, {@code web_search_tool_result}) are kept as they came;
 * blocks of other kinds (thinking) are skipped.
 */
public final class StreamAccumulator implements TurnBuilder {
    private final ObjectMapper mapper;
    private final DraftListener drafts;
    private final TreeMap<Integer, Partial> blocks = new TreeMap<>();
    private final List<ContentBlock> finished = new ArrayList<>();
    private JsonNode startUsage;
    private JsonNode deltaUsage;
    private String stopReason;
    private boolean done;

    /** A block being received. */
    private record Partial(String type, String id, String name, StringBuilder buffer, JsonNode start) {}

    /** @param drafts hears each text block's text as it grows */
    public StreamAccumulator(ObjectMapper mapper, DraftListener drafts) {
        this.mapper = mapper;
        this.drafts = drafts;
    }

    @Override
    public void accept(SseReader.Event event) throws IOException, ApiException {
        if (event.data().isBlank()) {
            return;
        }
        JsonNode data = mapper.readTree(event.data());
        String type = data.path("type").asText(event.event());
        switch (type) {
            case "message_start" -> startUsage = data.path("message").path("usage");
            case "content_block_start" -> {
                JsonNode b = data.path("content_block");
                StringBuilder initial = new StringBuilder(b.path("text").asText(""));
                blocks.put(data.path("index").asInt(), new Partial(b.path("type").asText(), b.path("id").asText(null),
                        b.path("name").asText(null), initial, b));
            }
            case "content_block_delta" -> {
                Partial p = blocks.get(data.path("index").asInt());
                JsonNode d = data.path("delta");
                if (p != null) {
                    switch (d.path("type").asText()) {
                        case "text_delta" -> {
                            p.buffer.append(d.path("text").asText());
                            drafts.text(p.buffer);
                        }
                        case "input_json_delta" -> p.buffer.append(d.path("partial_json").asText());
                        default -> { } // thinking_delta, signature_delta, citations: not used
                    }
                }
            }
            case "content_block_stop" -> finish(blocks.remove(data.path("index").asInt()));
            case "message_delta" -> {
                stopReason = data.path("delta").path("stop_reason").asText(stopReason);
                deltaUsage = data.path("usage");
            }
            case "message_stop" -> done = true;
            case "error" -> {
                JsonNode e = data.path("error");
                throw new ApiException(200, e.path("type").asText("api_error"), e.path("message").asText("stream error"));
            }
            default -> { } // ping and future event types
        }
    }

    private void finish(Partial p) throws ApiException {
        if (p == null) {
            return;
        }
        switch (p.type) {
            case "text" -> {
                if (!p.buffer.isEmpty()) {
                    finished.add(new ContentBlock.Text(p.buffer.toString()));
                }
            }
            case "tool_use" -> finished.add(new ContentBlock.ToolUse(p.id, p.name, toolInput(p)));
            case "server_tool_use" -> finished.add(new ContentBlock.ServerToolUse(p.id, p.name, toolInput(p)));
            case "web_search_tool_result" -> finished.add(new ContentBlock.WebSearchResult(
                    p.start.path("tool_use_id").asText(), p.start.path("content")));
            default -> { }
        }
    }

    private JsonNode toolInput(Partial p) throws ApiException {
        return ContentBlock.ToolUse.parseInput(p.buffer.toString(), p.name, AnthropicClient.API, mapper);
    }

    /** Ends at {@code message_stop}. */
    @Override
    public boolean done() {
        return done;
    }

    @Override
    public ModelTurn turn() throws IOException {
        if (!done) {
            throw new IOException("the response stream ended before message_stop");
        }
        return new ModelTurn(finished, stopReason, usage());
    }

    private Usage usage() {
        return new Usage(
                tokens("input_tokens"), tokens("output_tokens"),
                tokens("cache_read_input_tokens"), tokens("cache_creation_input_tokens"));
    }

    /** message_delta carries cumulative counts: prefer it, fall back to message_start. */
    private long tokens(String field) {
        if (deltaUsage != null && deltaUsage.path(field).isNumber()) {
            return deltaUsage.path(field).asLong();
        }
        return startUsage == null ? 0 : startUsage.path(field).asLong(0);
    }
}
