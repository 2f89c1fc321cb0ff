package dev.pincer.agent.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.agent.llm.MessagesRequest;
import dev.pincer.agent.llm.ModelTurn;
import dev.pincer.protocol.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps between the agent's conversation (Anthropic-shaped {@link ChatMessage}s) and Chat
 * Completions, so the loop, sessions and tools stay provider-neutral:
 * <ul>
 * <li>the system prompt becomes the first {@code system} message;</li>
 * <li>a tool definition {@code {name, description, input_schema}} becomes
 *     {@code {"type":"function","function":{name, description, parameters}}}; tools without a
 *     schema (Anthropic server tools) are left out;</li>
 * <li>an assistant turn becomes one message with {@code content} (its text) and {@code tool_calls}
 *     (arguments as a JSON string);</li>
 * <li>a user turn becomes one {@code role: tool} message per {@code tool_result} (in order, an error
 *     marked in its text), then one {@code user} message with its text; when it has images, its
 *     content is a list of parts, text parts and each image as {@code {"type":"image_url",
 *     "image_url":{"url":"data:<media type>;base64,..."}}} in place;</li>
 * <li>a PDF document becomes a text note pointing at its extracted text (Chat Completions servers
 *     take no PDFs in general), which the agent can read with its tools;</li>
 * <li>server tool blocks are dropped (no OpenAI equivalent).</li>
 * </ul>
 * Back: {@code finish_reason} {@code tool_calls} → {@code tool_use}, {@code length} → {@code max_tokens},
 * {@code stop} → {@code end_turn}; {@code prompt_tokens} minus {@code cached_tokens} → input tokens,
 * {@code cached_tokens} → cache-read tokens.
 */
public final class ChatTranslator {
    private ChatTranslator() {}

    /** The request body; {@code stream} adds {@code stream_options.include_usage}. */
    public static ObjectNode request(MessagesRequest r, boolean stream, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", r.model()).put("max_tokens", r.maxTokens()).put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        ArrayNode messages = body.putArray("messages");
        if (r.system() != null && !r.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", r.system());
        }
        for (ChatMessage m : r.messages()) {
            if (m.isUser()) {
                addUser(messages, m, mapper);
            } else {
                addAssistant(messages, m, mapper);
            }
        }
        ArrayNode tools = mapper.createArrayNode();
        if (r.tools() != null) {
            for (JsonNode t : r.tools()) {
                if (t.has("input_schema")) {
                    ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
                    fn.put("name", t.path("name").asText()).put("description", t.path("description").asText(""));
                    fn.set("parameters", t.get("input_schema"));
                }
            }
        }
        if (!tools.isEmpty()) {
            body.set("tools", tools);
        }
        return body;
    }

    private static void addUser(ArrayNode messages, ChatMessage m, ObjectMapper mapper) {
        ArrayNode parts = mapper.createArrayNode();
        StringBuilder text = new StringBuilder();
        for (ContentBlock b : m.content()) {
            switch (b) {
                case ContentBlock.ToolResult r -> messages.addObject().put("role", "tool").put("tool_call_id", r.toolUseId())
                        .put("content", r.isError() ? "Error: " + r.content() : r.content());
                case ContentBlock.Text t -> text.append(text.isEmpty() ? "" : "\n\n").append(t.text());
                case ContentBlock.Document d -> text.append(text.isEmpty() ? "" : "\n\n").append(documentNote(d));
                case ContentBlock.Image i -> {
                    flushText(parts, text);
                    parts.addObject().put("type", "image_url").putObject("image_url")
                            .put("url", "data:" + i.source().mediaType() + ";base64," + i.source().data());
                }
                default -> { }
            }
        }
        if (parts.isEmpty()) {
            if (!text.isEmpty()) {
                messages.addObject().put("role", "user").put("content", text.toString());
            }
            return;
        }
        flushText(parts, text);
        messages.addObject().put("role", "user").set("content", parts);
    }

    private static void flushText(ArrayNode parts, StringBuilder text) {
        if (!text.isEmpty()) {
            parts.addObject().put("type", "text").put("text", text.toString());
            text.setLength(0);
        }
    }

    /** What stands for a PDF: where its text is, for the agent to read with its tools. */
    static String documentNote(ContentBlock.Document d) {
        String name = d.title() == null ? "a PDF document" : "the PDF " + d.title();
        if (d.file() == null || d.file().textView() == null) {
            return "[" + name + " cannot be shown to this model" + (d.file() == null ? "" : "; it is at " + d.file().path()) + "]";
        }
        return "[" + name + " cannot be shown to this model; its text is at " + d.file().textView()
                + ": read it with the Read tool]";
    }

    private static void addAssistant(ArrayNode messages, ChatMessage m, ObjectMapper mapper) {
        ObjectNode msg = mapper.createObjectNode().put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = mapper.createArrayNode();
        for (ContentBlock b : m.content()) {
            switch (b) {
                case ContentBlock.Text t -> text.append(t.text());
                case ContentBlock.ToolUse u -> {
                    ObjectNode call = calls.addObject().put("id", u.id()).put("type", "function");
                    call.putObject("function").put("name", u.name()).put("arguments", u.input().toString());
                }
                default -> { }
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return;
        }
        if (text.isEmpty()) {
            msg.putNull("content");
        } else {
            msg.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
        messages.add(msg);
    }

    /** The agent's stop reason for a {@code finish_reason}. */
    public static String stopReason(String finishReason, boolean hasToolCalls) {
        if (finishReason == null || finishReason.isEmpty()) {
            return hasToolCalls ? ModelTurn.TOOL_USE : "end_turn";
        }
        return switch (finishReason) {
            case "tool_calls", "function_call" -> ModelTurn.TOOL_USE;
            case "length" -> "max_tokens";
            // some servers (older Ollama) say "stop" even when they called tools
            case "stop" -> hasToolCalls ? ModelTurn.TOOL_USE : "end_turn";
            default -> finishReason;
        };
    }

    /** Usage of a {@code usage} object; null or missing counts as zero. */
    public static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return Usage.ZERO;
        }
        long cached = u.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        long prompt = u.path("prompt_tokens").asLong(0);
        return new Usage(Math.max(0, prompt - cached), u.path("completion_tokens").asLong(0), cached, 0);
    }

    /** A non-streamed response ({@code choices[0].message}). */
    public static ModelTurn response(JsonNode body, ObjectMapper mapper) throws java.io.IOException, ApiException {
        JsonNode choice = body.path("choices").path(0);
        if (!choice.isObject()) {
            throw new java.io.IOException("the response has no choices");
        }
        JsonNode message = choice.path("message");
        List<ContentBlock> blocks = new ArrayList<>();
        String text = message.path("content").asText("");
        if (!text.isEmpty()) {
            blocks.add(new ContentBlock.Text(text));
        }
        int n = 0;
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode fn = call.path("function");
            blocks.add(new ContentBlock.ToolUse(callId(call.path("id").asText(""), n++), fn.path("name").asText(),
                    arguments(fn.path("arguments"), fn.path("name").asText(), mapper)));
        }
        boolean calls = blocks.stream().anyMatch(b -> b instanceof ContentBlock.ToolUse);
        return new ModelTurn(blocks, stopReason(choice.path("finish_reason").asText(null), calls), usage(body.path("usage")));
    }

    /** A call id; servers that send none (some local ones) get a stable made-up one. */
    static String callId(String id, int index) {
        return id == null || id.isBlank() ? "call_" + index + "_" + Long.toHexString(System.nanoTime()) : id;
    }

    /** Tool arguments: a JSON string (standard) or an object (some servers); empty means {}. */
    static JsonNode arguments(JsonNode raw, String tool, ObjectMapper mapper) throws ApiException {
        if (raw.isObject()) {
            return raw;
        }
        return ContentBlock.ToolUse.parseInput(raw.asText(""), tool, OpenAiClient.API, mapper);
    }
}
