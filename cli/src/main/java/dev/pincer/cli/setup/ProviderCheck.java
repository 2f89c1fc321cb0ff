package dev.pincer.cli.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Checks a model credential with one real, tiny call: a one-token answer to "Hi" from the model
 * Pincer will use ({@code POST /v1/messages} for Anthropic, {@code POST /chat/completions} for an
 * OpenAI-compatible server). The key is sent only to the configured upstream and never shown.
 */
public final class ProviderCheck {
    private ProviderCheck() {}

    /** What was checked: the provider, its upstream and the model. */
    public record Target(String provider, URI baseUrl, String model) {}

    /** The answer: whether the key works, and a line saying so or why not. */
    public record Result(boolean ok, String detail) {}

    /** The setting an Anthropic credential goes into: OAuth tokens ({@code sk-ant-oat…}) apart from API keys. */
    public static String anthropicSetting(String key) {
        return key.startsWith("sk-ant-oat") ? "CLAUDE_CODE_OAUTH_TOKEN" : "ANTHROPIC_API_KEY";
    }

    public static Result check(Target target, String key) {
        if (key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return new Result(false, "the key has spaces or characters a key cannot have; paste it again");
        }
        boolean openai = target.provider().equals("openai");
        String base = target.baseUrl().toString().replaceAll("/+$", "");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + (openai ? "/chat/completions" : "/v1/messages")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        if (openai) {
            b.header("Authorization", "Bearer " + key);
        } else if (anthropicSetting(key).equals("CLAUDE_CODE_OAUTH_TOKEN")) {
            b.header("Authorization", "Bearer " + key).header("anthropic-version", "2023-06-01");
        } else {
            b.header("x-api-key", key).header("anthropic-version", "2023-06-01");
        }
        String body = json(Map.of("model", target.model(), "max_tokens", 1,
                "messages", List.of(Map.of("role", "user", "content", "Hi"))));
        HttpResponse<String> r;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            r = http.send(b.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(false, "cannot reach " + base + " (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
        String why = message(r.body()).replace(key, "****");
        return switch (r.statusCode()) {
            case 200 -> new Result(true, "the key works: " + target.model() + " answered at " + base);
            case 401, 403 -> new Result(false, base + " refused the key (HTTP " + r.statusCode() + why + ")");
            case 404 -> new Result(false, base + " does not know model " + target.model() + " or this API (HTTP 404" + why
                    + "); set PINCER_MODEL (--model) or the base URL (--base-url)");
            default -> new Result(false, base + " answered HTTP " + r.statusCode() + why);
        };
    }

    /** The provider's own error message, as {@code ": message"}, or nothing. */
    private static String message(String body) {
        try {
            JsonNode error = Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body).path("error");
            String m = error.isTextual() ? error.asText() : error.path("message").asText("");
            return m.isBlank() ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) + "…" : m);
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
