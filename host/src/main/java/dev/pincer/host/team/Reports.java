package dev.pincer.host.team;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;

/**
 * A teammate's ending as the answer to {@code start_teammate}: its report with its name, type and
 * token usage (which the parent adds to its run's), or an error that says what happened in words
 * the parent model can act on.
 */
final class Reports {
    private Reports() {}

    static HostResponse answer(String requestId, Teammate t, TeammateSandbox.Ending end) {
        var result = end.result();
        String name = t.name();
        if (result != null && result.ok()) {
            ObjectNode data = Json.MAPPER.createObjectNode().put("teammate", name).put("type", t.type())
                    .put("report", end.report().isBlank() ? "(" + name + " finished without a report)" : end.report());
            Usage u = result.usage() == null ? Usage.ZERO : result.usage();
            data.putObject("usage").put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                    .put("cache_read_tokens", u.cacheReadTokens()).put("cache_write_tokens", u.cacheWriteTokens());
            return new HostResponse.Ok(requestId, data);
        }
        String partial = end.report().isBlank() ? "" : "; what it reported before that: " + end.report();
        if (result != null) {
            return new HostResponse.Error(requestId, "teammate " + name + " failed: " + result.error() + partial);
        }
        String why = switch (end.exit()) {
            case SandboxExit.TimedOut t1 -> "did not finish within the run's time and was stopped";
            case SandboxExit.Killed k -> "was stopped";
            case SandboxExit.Exited e -> "ended (exit " + e.code() + ") without a report";
        };
        return new HostResponse.Error(requestId, "teammate " + name + " " + why + partial
                + " (its sandbox log: logs/runs/" + t.group().folder() + "/" + end.log().getFileName() + ")");
    }
}
