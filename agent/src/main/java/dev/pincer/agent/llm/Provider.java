package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pincer.agent.llm.openai.OpenAiClient;
import java.net.URI;
import java.util.Locale;

/**
 * The model provider a run talks to ({@code AgentInput.Setup.provider()}): which client, which
 * server-side tools ride along, and what the system prompt must say about the difference.
 */
public enum Provider {
    ANTHROPIC, OPENAI;

    /** Anthropic's server-side web search, executed by the API itself. */
    public static final String WEB_SEARCH_TYPE = "web_search_20250305";
    public static final int WEB_SEARCH_MAX_USES = 5;

    /** {@code anthropic} (also for null or blank) or {@code openai}; anything else is refused. */
    public static Provider of(String name) {
        if (name == null || name.isBlank()) {
            return ANTHROPIC;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "anthropic" -> ANTHROPIC;
            case "openai" -> OPENAI;
            default -> throw new IllegalArgumentException("provider '" + name + "' is not supported (use anthropic or openai)");
        };
    }

    public ModelClient client(URI baseUrl, CallSettings calls) {
        return switch (this) {
            case ANTHROPIC -> new AnthropicClient(baseUrl, calls);
            case OPENAI -> new OpenAiClient(baseUrl, calls);
        };
    }

    /** The host settings holding this provider's credential, for telling the user what to fix. */
    public String credentialSetting() {
        return switch (this) {
            case ANTHROPIC -> "ANTHROPIC_API_KEY (or CLAUDE_CODE_OAUTH_TOKEN)";
            case OPENAI -> "OPENAI_API_KEY";
        };
    }

    /** The host setting naming this provider's upstream, for telling the user what to fix. */
    public String upstreamSetting() {
        return switch (this) {
            case ANTHROPIC -> "ANTHROPIC_BASE_URL";
            case OPENAI -> "OPENAI_BASE_URL";
        };
    }

    /** The client tools plus this provider's server tools (Anthropic: web search). */
    public ArrayNode tools(ArrayNode clientTools, ObjectMapper mapper) {
        ArrayNode all = clientTools == null ? mapper.createArrayNode() : clientTools.deepCopy();
        if (this == ANTHROPIC) {
            all.addObject().put("type", WEB_SEARCH_TYPE).put("name", "web_search").put("max_uses", WEB_SEARCH_MAX_USES);
        }
        return all;
    }

    /** What the system prompt adds for this provider (empty for none). */
    public String promptNote() {
        return switch (this) {
            case ANTHROPIC -> "";
            case OPENAI -> "\n\n## Web search\nWeb search is unavailable with this model provider (it is an Anthropic"
                    + " server tool). To look something up, fetch a known URL instead (WebFetch if you have it, or curl in Bash), or"
                    + " say that you cannot search the web.";
        };
    }
}
