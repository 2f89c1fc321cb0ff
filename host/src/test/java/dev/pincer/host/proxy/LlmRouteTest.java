package dev.pincer.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LlmRouteTest {
    static final URI UPSTREAM = Credentials.apiKey("k", URI.create("https://api.anthropic.com/")).upstream();
    static final URI GATEWAY = Credentials.apiKey("k", URI.create("https://gw.example:8443/anthropic/")).upstream();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/llm/v1/messages                  | https://api.anthropic.com/v1/messages",
        "/llm/v1/messages?beta=true        | https://api.anthropic.com/v1/messages?beta=true",
        "/llm/v1/messages/count_tokens     | https://api.anthropic.com/v1/messages/count_tokens",
        "/llm/v1/models?after_id=a%2Fb     | https://api.anthropic.com/v1/models?after_id=a%2Fb",
        "/llm/v1@evil.example/x            | https://api.anthropic.com/v1@evil.example/x",
        "/llm/v1:evil.example:443          | https://api.anthropic.com/v1:evil.example:443",
    })
    void resolvesUnderTheUpstream(String target, String expected) throws Exception {
        URI uri = LlmRoute.resolve(UPSTREAM, target.strip());
        assertThat(uri).isEqualTo(URI.create(expected.strip()));
        assertThat(uri.getHost()).isEqualTo("api.anthropic.com");
    }

    @ParameterizedTest
    @CsvSource({"MESSAGES, true", "COUNT_TOKENS, false", "CHAT_COMPLETIONS, true", "RESPONSES, true", "EMBEDDINGS, true",
        "TRANSCRIPTIONS, true"})
    void everyEndpointButTokenCountingIsAModelCall(LlmEndpoint endpoint, boolean modelCall) {
        assertThat(endpoint.modelCall()).isEqualTo(modelCall);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/llm/v1/messages", "/llm/v1/models?limit=1"})
    void keepsTheGatewaysBasePath(String target) throws Exception {
        URI uri = LlmRoute.resolve(GATEWAY, target);
        assertThat(uri.getRawAuthority()).isEqualTo("gw.example:8443");
        assertThat(uri.getRawPath()).startsWith("/anthropic/v1/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/llm/../x", "/llm/v1/..", "/llm/./x", "/llm//evil.example/", "/llm/v1/", "/llm/%2e%2e/x",
        "/llm/%2fevil", "/llm/v1\\x", "/llm/v1/x#y", "/llm/v1 x", "/llm/v1/\"x\"", "/llm/v1/x?q=\"", "/llm/v1/x?%zz",
        "/llm", "/llm/"})
    void refusesTricks(String target) {
        assertThatThrownBy(() -> LlmRoute.resolve(UPSTREAM, target)).isInstanceOf(ProxyRefusal.class);
    }

    @ParameterizedTest
    @CsvSource({"/llm,true", "/llm/v1,true", "/llm?x,true", "/llmx,false", "/other/llm/v1,false", "//llm/v1,false"})
    void matchesOnlyTheLlmPrefix(String target, boolean matches) {
        assertThat(LlmRoute.matches(target)).isEqualTo(matches);
    }
}
