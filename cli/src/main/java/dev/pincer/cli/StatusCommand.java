package dev.pincer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.api.PincerApi;
import dev.pincer.host.config.Config;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.RunLedger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./pincer status}: what the running Pincer says about itself ({@code GET /api/status}), or
 * "not running" and what the store says. Exits 0 when running, 3 when not.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Is Pincer running? Its version, sandbox, busy groups, channels and today's usage (exit 3: not running).",
        footer = {"", "Example:", "  ./pincer status"})
public final class StatusCommand extends PincerCommand implements Callable<Integer> {

    /** The exit status when Pincer is not running. */
    static final int NOT_RUNNING = 3;

    @Override
    public Integer call() throws IOException {
        Config config = config();
        return switch (probe()) {
            case PincerApi.Probe.Running r -> running(config, r.status());
            case PincerApi.Probe.Stopped s -> stopped(config, s.why());
            case PincerApi.Probe.Foreign f -> throw new Fail(f.why());
        };
    }

    private int running(Config config, JsonNode s) {
        PrintWriter out = out();
        out.println("Pincer " + s.path("version").asText() + " is running (since " + time(config, s.path("startedAt").asText())
                + ", sandbox " + s.path("sandbox").asText() + ", assistant " + s.path("assistant").asText() + ").");
        out.println("Home: " + config.layout().home());
        out.println("Groups: active " + names(s.path("activeRuns")) + "; warm " + names(s.path("warmGroups"))
                + "; waiting " + names(s.path("waitingGroups")) + ". Messages stored: " + s.path("messages").asLong() + ".");
        List<List<String>> channels = new ArrayList<>();
        channels.add(List.of("  CHANNEL", "STATE", "SINCE", "LAST ERROR"));
        s.path("channels").forEach(c -> channels.add(List.of("  " + c.path("name").asText(), c.path("state").asText(),
                time(config, c.path("since").asText()), Table.shorten(c.path("lastError").asText(""), 80))));
        out.println("Channels:");
        Table.print(out, channels);
        JsonNode today = s.path("usageToday");
        if (today.isEmpty()) {
            out.println("Usage today: no model calls yet.");
        } else {
            out.println("Usage today:");
            List<List<String>> usage = new ArrayList<>();
            usage.add(List.of("  GROUP", "CALLS", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "COST"));
            today.properties().forEach(e -> {
                JsonNode u = e.getValue().path("usage");
                usage.add(List.of("  " + e.getKey(), e.getValue().path("calls").asText(), u.path("inputTokens").asText(),
                        u.path("outputTokens").asText(), u.path("cacheReadTokens").asText(), u.path("cacheWriteTokens").asText(),
                        String.format(Locale.ROOT, "$%.4f", e.getValue().path("costUsd").asDouble())));
            });
            Table.print(out, usage);
        }
        out.flush();
        return 0;
    }

    private int stopped(Config config, String why) {
        PrintWriter out = out();
        out.println("Pincer is not running (" + why + ").");
        out.println("Home: " + config.layout().home());
        if (!Files.exists(config.layout().database())) {
            out.println("No store yet: set it up with ./pincer setup, then ./pincer start.");
            out.flush();
            return NOT_RUNNING;
        }
        try (Database db = Database.open(config.layout().database())) {
            List<Group> groups = new GroupStore(db).all();
            out.println("Groups (" + groups.size() + "): " + (groups.isEmpty() ? "none"
                    : String.join(", ", groups.stream().map(g -> g.folder() + " (" + g.jid() + ")").toList())));
            out.println("Messages stored: " + new MessageStore(db).count() + ".");
            Optional<RunLedger.Run> last = new RunLedger(db).recent(1).stream().findFirst();
            out.println("Last run: " + last.map(r -> Table.time(r.startedAt(), config.assistant().zone()) + " " + config.assistant().zone()
                    + ", group " + r.folder() + ", " + r.status() + (r.error() == null ? "" : " (" + Table.shorten(r.error(), 80) + ")"))
                    .orElse("none yet") + ".");
        }
        out.println("Start it with ./pincer start (or ./pincer service install to run it in the background).");
        out.flush();
        return NOT_RUNNING;
    }

    private static String names(JsonNode set) {
        List<String> names = new ArrayList<>();
        set.forEach(n -> names.add(n.asText()));
        return names.isEmpty() ? "-" : String.join(", ", names);
    }

    private static String time(Config config, String iso) {
        try {
            return Table.time(Instant.parse(iso), config.assistant().zone()) + " " + config.assistant().zone();
        } catch (RuntimeException e) {
            return iso.isEmpty() ? "-" : iso;
        }
    }
}
