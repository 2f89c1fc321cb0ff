package dev.pincer.bench;

import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A warm sandbox ({@code PINCER_IDLE_TIMEOUT=300}: follow-ups go into the live sandbox): message
 * accepted → first model request, final model token → reply visible on the API, and the Bash
 * tool round trip (the model's tool_use answered → the tool result at the model) beyond the
 * command itself (its own two {@code date}s), with a timeline of the median run; the same command
 * spawned by {@code bash -c} from a JVM on the host is its floor.
 */
final class WarmBench {
    private static final Pattern EPOCH_NANOS = Pattern.compile("\\b\\d{19}\\b");

    /** The fake model's side of one run (µs): when it was asked, when it sent its final token, and the command's own times. */
    private static final class Stamps {
        volatile long firstAsked;
        volatile long finalSent;
        volatile long askedAgain;
        volatile long commandStart;
        volatile long commandEnd;
    }

    private WarmBench() {}

    static void run(Context ctx, Report report) throws Exception {
        Stamps s = new Stamps();
        try (FakeAnthropic model = new FakeAnthropic();
                HostProcess host = HostProcess.start(ctx.launch(), ctx.work(), model.baseUrl(), Map.of("PINCER_IDLE_TIMEOUT", "300"))) {
            model.respondWith(r -> answer(r, s));
            firstRequest(ctx, host, s, report);
            bashTool(ctx, host, s, report);
        }
    }

    /** Message accepted → first model request, and final model token → reply visible on the API. */
    private static void firstRequest(Context ctx, HostProcess host, Stamps s, Report report) throws Exception {
        List<Double> warm = new ArrayList<>();
        List<Double> visible = new ArrayList<>();
        for (int i = 0; i <= ctx.runs(); i++) { // run 0 starts the sandbox and is not counted
            s.firstAsked = 0;
            long t0 = Clock.micros();
            long seen = host.awaitReply("main", host.post("main", "ping " + i));
            if (i > 0) {
                warm.add(Clock.millisBetween(t0, s.firstAsked));
                visible.add(Clock.millisBetween(s.finalSent, seen));
            }
        }
        report.add(new Row("warm_first_request_ms", "warm: message accepted -> first model request", "ms", Stats.of(warm), "<= 10 ms"));
        report.add(new Row("final_token_to_visible_ms", "final model token -> reply visible on the API", "ms", Stats.of(visible), "<= 10 ms"));
    }

    /** The Bash tool round trip beyond the command itself, its floor, and the timeline of the median run. */
    private static void bashTool(Context ctx, HostProcess host, Stamps s, Report report) throws Exception {
        List<ToolTimeline> tools = new ArrayList<>();
        List<Double> commandFloor = new ArrayList<>();
        for (int i = 0; i <= ctx.runs(); i++) {
            commandFloor.add(Floors.bashCommand());
            s.firstAsked = 0;
            s.askedAgain = 0;
            long t0 = Clock.micros();
            long seen = host.awaitReply("main", host.post("main", "use bash " + i));
            if (s.commandStart == 0 || s.commandEnd == 0) {
                throw new IllegalStateException("bench: the Bash tool's result did not carry the command's two timestamps");
            }
            if (i > 0) {
                tools.add(new ToolTimeline(t0, s.firstAsked, s.commandStart, s.commandEnd, s.askedAgain, seen));
            }
        }
        Stats floor = Stats.of(commandFloor.subList(1, commandFloor.size()));
        Stats roundTrip = Stats.of(tools.stream().map(ToolTimeline::roundTripMs).toList());
        report.add(new Row("bash_tool_overhead_ms", "Bash tool round trip overhead beyond the command", "ms",
                Stats.of(tools.stream().map(ToolTimeline::overheadMs).toList()),
                roundTrip.median() / floor.median(), "<= 20 ms"));
        report.add(new Row("bash_tool_round_trip_ms", "Bash tool round trip (tool_use sent -> tool result at the model)", "ms",
                roundTrip, null));
        report.add(new Row("floor_bash_command_ms", "floor: bash -c with the same command, spawned by a JVM on the host", "ms", floor, null));
        ToolTimeline median = tools.stream().sorted(Comparator.comparingDouble(ToolTimeline::roundTripMs)).toList().get(tools.size() / 2);
        report.note("bash_tool_timeline_median_run", median.hops());
        median.print(ctx.out());
    }

    private static Reply answer(RecordedRequest r, Stamps s) {
        long now = Clock.micros();
        if (!r.toolResults().isEmpty()) {
            s.askedAgain = now;
            Matcher m = EPOCH_NANOS.matcher(r.toolResults().getFirst().content());
            s.commandStart = m.find() ? Long.parseLong(m.group()) / 1000 : 0;
            s.commandEnd = m.find() ? Long.parseLong(m.group()) / 1000 : 0;
            return finalText(s);
        }
        s.firstAsked = now;
        if (r.lastUserText().contains("use bash")) {
            return Reply.toolUse("Bash", Map.of("command", Floors.TOOL_COMMAND));
        }
        return finalText(s);
    }

    private static Reply finalText(Stamps s) {
        s.finalSent = Clock.micros(); // the fake writes the whole short reply right after this
        return Reply.text("pong");
    }
}
