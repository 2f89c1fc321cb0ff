package dev.pincer.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Bash tool round trip, hop by hop (µs since the epoch; the sandbox shares the host's clock).
 *
 * @param posted       the client sends the message
 * @param asked        the model is asked and answers with a Bash tool_use
 * @param commandStart the command's first {@code date} in the sandbox
 * @param commandEnd   the command's second {@code date}
 * @param askedAgain   the model is asked again, with the tool result
 * @param visible      the final reply is visible on the API
 */
record ToolTimeline(long posted, long asked, long commandStart, long commandEnd, long askedAgain, long visible) {

    double roundTripMs() {
        return Clock.millisBetween(asked, askedAgain);
    }

    /** The round trip less the command's own time between its two {@code date}s. */
    double overheadMs() {
        return roundTripMs() - Clock.millisBetween(commandStart, commandEnd);
    }

    /** Each hop's time in ms after the message was posted. */
    Map<String, Double> hops() {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("message posted by the client", 0.0);
        h.put("model asked; it answers tool_use Bash", Clock.millisBetween(posted, asked));
        h.put("command started in the sandbox (its first date)", Clock.millisBetween(posted, commandStart));
        h.put("command ended (its second date)", Clock.millisBetween(posted, commandEnd));
        h.put("model asked again with the tool result", Clock.millisBetween(posted, askedAgain));
        h.put("final reply visible on the API", Clock.millisBetween(posted, visible));
        return h;
    }

    void print(PrintStream out) {
        out.println("Bash tool round trip, timeline of the median run (ms after the POST, and since the hop before):");
        double before = 0;
        for (Map.Entry<String, Double> e : hops().entrySet()) {
            out.printf("  %8.1f  (+%6.1f)  %s%n", e.getValue(), e.getValue() - before, e.getKey());
            before = e.getValue();
        }
    }
}
