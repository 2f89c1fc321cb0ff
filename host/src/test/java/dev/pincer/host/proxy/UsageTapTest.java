package dev.pincer.host.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.protocol.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The usage numbers of each response shape, however the bytes are cut. */
class UsageTapTest {

    static Usage read(LlmApi api, String contentType, String body, int chunk) {
        UsageTap tap = UsageTap.of(api, contentType);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            tap.accept(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return tap.usage();
    }

    @Test
    void messagesStreamTakesTheLatestNumberOfEachKindEvenCutByteByByte() {
        String sse = "event: message_start\r\n"
                + "data: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":10,\"output_tokens\":1,"
                + "\"cache_read_input_tokens\":5,\"cache_creation_input_tokens\":7}}}\r\n\r\n"
                + "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"usage\"}}\r\n\r\n"
                + "event: message_delta\r\n"
                + "data: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":40,\"input_tokens\":10}}\r\n\r\n"
                + "event: message_stop\r\ndata: {\"type\":\"message_stop\"}";
        assertThat(read(LlmApi.ANTHROPIC, "text/event-stream; charset=utf-8", sse, 1)).isEqualTo(new Usage(10, 40, 5, 7));
        assertThat(read(LlmApi.ANTHROPIC, "text/event-stream", sse, 4096)).isEqualTo(new Usage(10, 40, 5, 7));
    }

    @Test
    void aResponsesStreamReportsItsUsageInTheCompletedResponse() {
        String sse = "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"usage\":null}}\n\n"
                + "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"usage\":"
                + "{\"input_tokens\":300,\"input_tokens_details\":{\"cached_tokens\":100},\"output_tokens\":50}}}\n\n";
        assertThat(read(LlmApi.OPENAI, "text/event-stream", sse, 7)).isEqualTo(new Usage(200, 50, 100, 0));
    }

    @Test
    void chatChunksWithNullUsageCountNothingUntilTheUsageChunk() {
        String sse = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}\n\n"
                + "data: [DONE]\n\n";
        assertThat(read(LlmApi.OPENAI, "text/event-stream", sse, 5)).isEqualTo(new Usage(9, 3, 0, 0));
    }

    @Test
    void jsonBodiesOfEveryEndpoint() {
        assertThat(read(LlmApi.OPENAI, "application/json", "{\"data\":[],\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}", 3))
                .isEqualTo(new Usage(8, 0, 0, 0));
        assertThat(read(LlmApi.OPENAI, "application/json",
                "{\"usage\":{\"input_tokens\":20,\"output_tokens\":4,\"input_tokens_details\":{\"cached_tokens\":0}}}", 100))
                .isEqualTo(new Usage(20, 4, 0, 0));
        assertThat(read(LlmApi.ANTHROPIC, "application/json", "{\"input_tokens\":1234}", 100)).isEqualTo(Usage.ZERO);
        assertThat(read(LlmApi.ANTHROPIC, null, "not json at all", 100)).isEqualTo(Usage.ZERO);
    }

    @Test
    void anOversizedLineIsSkippedAndTheNextOneStillCounts() {
        String sse = "data: {\"pad\":\"" + "x".repeat(UsageTap.MAX_LINE_BYTES) + "\",\"usage\":{\"input_tokens\":999}}\n\n"
                + "data: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":6}}\n\n";
        assertThat(read(LlmApi.ANTHROPIC, "text/event-stream", sse, 64 * 1024)).isEqualTo(new Usage(0, 6, 0, 0));
    }

    @Test
    void negativeOrNonNumericCountsAreIgnored() {
        assertThat(read(LlmApi.ANTHROPIC, "application/json",
                "{\"usage\":{\"input_tokens\":-5,\"output_tokens\":\"7\",\"cache_read_input_tokens\":2.5}}", 100))
                .isEqualTo(Usage.ZERO);
    }
}
