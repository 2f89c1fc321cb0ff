package dev.pincer.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class StreamAccumulatorTest {
    /** The event every Anthropic stream opens with. */
    private static final String MESSAGE_START = """
            event: message_start
            data: {"type":"message_start","message":{"usage":{"input_tokens":1}}}

            """;

    private static ModelTurn parse(String sse) throws Exception {
        return new SseReader(new BufferedReader(new StringReader(sse))).readTurn(new StreamAccumulator(Json.MAPPER, DraftListener.NONE));
    }

    @Test
    void joinsTextDeltasAndChunkedToolInput() throws Exception {
        String sse = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":12,"output_tokens":1,"cache_read_input_tokens":4,"cache_creation_input_tokens":2}}}

                : a comment line
                event: ping
                data: {"type": "ping"}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_9","name":"Bash","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"comm"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"and\\": \\"echo \\\\\\"hi"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\\\\\\"\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":33}}

                event: message_stop
                data: {"type":"message_stop"}

                """;

        ModelTurn turn = parse(sse);

        assertThat(turn.stopReason()).isEqualTo("tool_use");
        assertThat(turn.wantsTools()).isTrue();
        assertThat(turn.usage()).isEqualTo(new Usage(12, 33, 4, 2));
        assertThat(turn.content()).hasSize(2);
        assertThat(turn.content().get(0)).isEqualTo(new ContentBlock.Text("Hello"));
        ContentBlock.ToolUse use = (ContentBlock.ToolUse) turn.content().get(1);
        assertThat(use.id()).isEqualTo("toolu_9");
        assertThat(use.name()).isEqualTo("Bash");
        assertThat(use.input().path("command").asText()).isEqualTo("echo \"hi\"");
    }

    @Test
    void handlesCrlfMultiLineDataAndEventsWithoutNames() throws Exception {
        String sse = "data: {\"type\":\"message_start\",\r\ndata:  \"message\":{\"usage\":{\"input_tokens\":1}}}\r\n\r\n"
                + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"x\"}}\r\n\r\n"
                + "data: {\"type\":\"content_block_stop\",\"index\":0}\r\n\r\n"
                + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\r\n\r\n"
                + "data: {\"type\":\"message_stop\"}\r\n\r\n";

        ModelTurn turn = parse(sse);

        assertThat(turn.content()).containsExactly(new ContentBlock.Text("x"));
        assertThat(turn.stopReason()).isEqualTo("end_turn");
        assertThat(turn.usage()).isEqualTo(new Usage(1, 2, 0, 0));
    }

    @Test
    void anErrorEventBecomesARetryableApiException() {
        String sse = MESSAGE_START + """
                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                """;

        assertThatThrownBy(() -> parse(sse)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo("overloaded_error");
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void aStreamThatEndsEarlyIsAnIoError() {
        String sse = MESSAGE_START + """
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}
                """;

        assertThatThrownBy(() -> parse(sse)).isInstanceOf(IOException.class).hasMessageContaining("message_stop");
    }

    @Test
    void invalidToolInputJsonIsRetryable() {
        String sse = """
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"Bash","input":{}}}

                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"command\\": "}}

                data: {"type":"content_block_stop","index":0}

                """;

        assertThatThrownBy(() -> parse(sse)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.summary()).startsWith("Anthropic API stream error api_error").endsWith("input of tool Bash");
        });
    }
}
