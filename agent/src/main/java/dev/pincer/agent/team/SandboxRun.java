package dev.pincer.agent.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.hostcalls.HostClient;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.time.Duration;

/**
 * A teammate with {@code isolation: sandbox}: the host starts it in a sandbox of its own (host tool
 * {@code start_teammate}) and answers with its final report; this waits at most until the run's
 * deadline. The host counts its tokens into the run's usage and keeps its transcript.
 */
final class SandboxRun {
    private final Team team;

    SandboxRun(Team team) {
        this.team = team;
    }

    TaskReport run(TaskRecords.Started s, String prompt) throws InterruptedException {
        String who = "Teammate " + s.definition().name() + " (" + s.id() + ", in its own sandbox)";
        HostClient host = team.engines().host();
        if (host == null || !host.available()) {
            return new TaskReport("failed", who + " could not start: no host is reachable from here to start its sandbox.",
                    Usage.ZERO, null);
        }
        Duration left = team.timeLeft();
        if (left.isNegative() || left.isZero()) {
            return new TaskReport("time limit", who + " was not started: this answer's time limit is near.", Usage.ZERO, null);
        }
        var args = Json.MAPPER.createObjectNode().put("type", s.type()).put("description", s.description()).put("prompt", prompt);
        HostResponse response;
        try {
            response = host.withTimeout(left).call(HostTool.START_TEAMMATE.wireName(), args);
        } catch (IOException e) {
            return new TaskReport("failed", who + " could not be asked for: " + e.getMessage(), Usage.ZERO, null);
        }
        return switch (response) {
            case HostResponse.Ok ok -> new TaskReport(TaskReport.FINISHED, report(ok.data(), who), usage(ok.data()), null);
            case HostResponse.Error error -> new TaskReport("failed", who + " did not finish: " + error.reason(), Usage.ZERO, null);
        };
    }

    /** The teammate's tokens as the host's answer reports them ({@code usage}), so they count into the run's usage. */
    private static Usage usage(JsonNode data) {
        JsonNode u = data == null ? null : data.get("usage");
        return u == null || !u.isObject() ? Usage.ZERO : new Usage(u.path("input_tokens").asLong(),
                u.path("output_tokens").asLong(), u.path("cache_read_tokens").asLong(), u.path("cache_write_tokens").asLong());
    }

    /** The report in the host's answer: its text, or the {@code report} field of an object. */
    private static String report(JsonNode data, String who) {
        if (data != null && data.isTextual()) {
            return data.asText();
        }
        if (data != null && data.path("report").isTextual()) {
            return data.path("report").asText();
        }
        return "(" + who + " finished without a report.)";
    }
}
