package dev.pincer.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.protocol.Usage;
import dev.pincer.testkit.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Usage is counted from the provider's own responses, streamed and not, for both API families. */
class LlmUsageTest extends ModelServersFixture {
    static final String CHAT = "{\"model\":\"" + MODEL + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    record Settled(LlmMeter.Admitted call, Usage usage, boolean answered) {}

    /** A meter that admits everything and records what it is told. */
    static final class Recorder implements LlmMeter {
        final List<Settled> settled = new CopyOnWriteArrayList<>();

        @Override
        public Admission admit(LlmEndpoint endpoint, String model) {
            return new Admitted("run-1", endpoint, model);
        }

        @Override
        public void settle(Admitted call, Usage usage, boolean answered) {
            settled.add(new Settled(call, usage, answered));
        }

        @Override
        public void beginRun(String runId) {}
    }

    final Recorder meter = new Recorder();

    void start(LlmApi api, String upstream) throws Exception {
        start(api, upstream, e -> { }, meter);
    }

    Settled call(String target, String body) throws Exception {
        String resp = UdsHttp.exchange(proxy.socketPath(), UdsHttp.post(target, body, "Content-Type: application/json"));
        assertThat(UdsHttp.status(resp)).as(resp).isIn(200, 400, 529);
        await().atMost(Duration.ofSeconds(5)).until(() -> !meter.settled.isEmpty());
        assertThat(meter.settled).hasSize(1);
        return meter.settled.get(0);
    }

    /** One Messages API call with {@code body}, answered upstream with {@code reply}; returns how it was settled. */
    Settled messages(Reply reply, String body) throws Exception {
        start(LlmApi.ANTHROPIC, anthropic.baseUrl());
        anthropic.enqueue(reply);
        return call("/llm/v1/messages", body);
    }

    /** One chat completion with {@code body}, answered upstream with {@code reply}; returns how it was settled. */
    Settled chatCompletion(Reply reply, String body) throws Exception {
        start(LlmApi.OPENAI, openai.baseUrl());
        openai.enqueue(reply);
        return call("/llm/chat/completions", body);
    }

    @Test
    void messagesApiStreamUsageComesFromMessageStartAndMessageDelta() throws Exception {
        Settled s = messages(Reply.text("hello there").usage(1200, 34, 500, 60), CHAT + ",\"stream\":true}");
        assertThat(s.answered()).isTrue();
        assertThat(s.usage()).isEqualTo(new Usage(1200, 34, 500, 60));
        assertThat(s.call()).isEqualTo(new LlmMeter.Admitted("run-1", LlmEndpoint.MESSAGES, MODEL));
    }

    @Test
    void messagesApiJsonUsage() throws Exception {
        Settled s = messages(Reply.toolUse("Bash", java.util.Map.of("command", "ls")).usage(70, 12, 3, 4), CHAT + "}");
        assertThat(s.usage()).isEqualTo(new Usage(70, 12, 3, 4));
    }

    @Test
    void aStreamedChatCompletionIsAskedForItsUsageAndCountsIt() throws Exception {
        Settled s = chatCompletion(Reply.text("hello").usage(700, 34, 500, 0), CHAT + ",\"stream\":true}");
        assertThat(openai.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(openai.lastRequest().body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        // prompt_tokens 1200 of which 500 cached: 700 uncached input, 500 cache reads
        assertThat(s.usage()).isEqualTo(new Usage(700, 34, 500, 0));
    }

    @Test
    void anExplicitIncludeUsageFalseIsTurnedOn() throws Exception {
        Settled s = chatCompletion(Reply.text("hello").usage(10, 2),
                CHAT + ",\"stream\":true,\"stream_options\":{\"include_usage\":false}}");
        assertThat(openai.lastRequest().body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(s.usage()).isEqualTo(new Usage(10, 2, 0, 0));
    }

    @Test
    void chatCompletionJsonUsage() throws Exception {
        Settled s = chatCompletion(Reply.text("hello").usage(40, 9, 8, 0), CHAT + "}");
        assertThat(openai.lastRequest().body().has("stream_options")).isFalse();
        assertThat(s.usage()).isEqualTo(new Usage(40, 9, 8, 0));
    }

    @Test
    void aRefusedOrFailedCallIsSettledAsNotAnswered() throws Exception {
        Settled s = messages(Reply.error(529, "overloaded_error", "Overloaded").usage(100, 100),
                CHAT + ",\"stream\":true}");
        assertThat(s.answered()).isFalse();
        assertThat(s.usage()).isEqualTo(Usage.ZERO);
    }
}
