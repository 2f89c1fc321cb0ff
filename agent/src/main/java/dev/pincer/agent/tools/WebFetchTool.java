package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.AgentConfig;
import dev.pincer.agent.llm.AnthropicClient;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ChatModel;
import dev.pincer.agent.tools.web.HtmlText;
import dev.pincer.agent.tools.web.PageFetcher;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code WebFetch {url, prompt}} as in Claude Code: fetches the page through the egress proxy (so
 * the group's egress policy decides, also for every redirect), turns HTML into readable text, and
 * answers {@code prompt} about it with a small model call through the same LLM route as the agent.
 */
public final class WebFetchTool implements Tool {
    public static final String DEFAULT_FAST_MODEL = "claude-haiku-4-5";
    static final int MAX_PAGE_CHARS = 100_000;
    static final int ANSWER_TOKENS = 2048;

    private static final ToolSpec SPEC = new ToolSpec("WebFetch",
            """
                    Fetches a URL through this group's egress proxy, converts HTML to readable text, and answers \
                    the prompt about it with a small, fast model. Use it to read web pages; the answer is the \
                    model's response about the content. http and https URLs only; results over 100k characters \
                    are cut; redirects are followed (at most 5). Sites the group's egress policy does not allow \
                    are refused with the proxy's reason.""",
            ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "url": {"type": "string", "format": "uri", "description": "The URL to fetch content from"},
               "prompt": {"type": "string", "description": "The prompt to run on the fetched content"}},
             "required": ["url", "prompt"], "additionalProperties": false}"""));

    private final PageFetcher fetcher;
    private final ChatModel model;

    /** @param model the small, fast model that answers the prompt about the page */
    public WebFetchTool(PageFetcher fetcher, ChatModel model) {
        this.fetcher = fetcher;
        this.model = model;
    }

    /**
     * The tool as a run sets it up, from the environment the tools get: the proxy from
     * {@code HTTP_PROXY}, the LLM route as the agent's, the model from {@code PINCER_FAST_MODEL}.
     */
    public static WebFetchTool fromEnv(Map<String, String> env) {
        AgentConfig config = AgentConfig.fromEnv(env);
        URI proxy = URI.create(env.getOrDefault("HTTP_PROXY", config.network().proxyUrl()));
        String fast = env.getOrDefault("PINCER_FAST_MODEL", "");
        var client = new AnthropicClient(config.network().llmBaseUrl(), config.network().modelCalls(AnthropicClient.defaultHttpClient()));
        return new WebFetchTool(new PageFetcher(new InetSocketAddress(proxy.getHost(), proxy.getPort())),
                new ChatModel(client, fast.isBlank() ? DEFAULT_FAST_MODEL : fast.strip(), ANSWER_TOKENS));
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Duration timeout() {
        return Duration.ofMinutes(3);
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        String url = ToolInputs.requiredString(input, "url").strip();
        String prompt = ToolInputs.requiredString(input, "prompt");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return ToolResult.error("invalid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return ToolResult.error("WebFetch needs an absolute http:// or https:// URL, got " + url);
        }
        PageFetcher.Page page;
        try {
            page = fetcher.fetch(uri);
        } catch (PageFetcher.FetchException e) {
            return ToolResult.error(e.getMessage());
        }
        String text = page.contentType().toLowerCase(Locale.ROOT).contains("html")
                ? HtmlText.convert(page.text(), page.url()) : page.text();
        boolean cut = page.truncated() || text.length() > MAX_PAGE_CHARS;
        if (text.length() > MAX_PAGE_CHARS) {
            text = text.substring(0, MAX_PAGE_CHARS);
        }
        String question = "Web page content from " + page.url() + (cut ? " (cut at " + MAX_PAGE_CHARS + " characters)" : "")
                + ":\n---\n" + text + "\n---\n\n" + prompt + "\n\nAnswer from the content above only; be concise.";
        try {
            var turn = model.send("You read a fetched web page and answer a request about it.", null,
                    List.of(ChatMessage.userText(question)));
            String answer = turn.message().text();
            if (answer.isEmpty()) {
                return ToolResult.error("the page was fetched but the model gave no answer about it");
            }
            return ToolResult.ok(answer);
        } catch (ApiException e) {
            return ToolResult.error("fetched " + page.url() + " but the model call failed: " + e.getMessage());
        }
    }
}
