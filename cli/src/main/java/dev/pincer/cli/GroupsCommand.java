package dev.pincer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.api.PincerApi;
import dev.pincer.host.config.Config;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pincer groups list|add|remove}: through the API when Pincer runs (so it sees the change
 * at once), else on the store. Removing a group unregisters it; its folder stays on disk.
 */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = "List, add or remove the groups (chats) the assistant answers in.",
        footer = {"", "Examples:", "  ./pincer groups list", "  ./pincer groups add --chat tg:-1001234 --name Family --folder family",
                "  ./pincer groups remove family"})
public final class GroupsCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show every group: folder, chat, name, trigger.",
            footer = {"", "Example:", "  ./pincer groups list"})
    int list() throws IOException {
        List<Row> groups = switch (probe()) {
            case PincerApi.Probe.Running r -> {
                List<Row> out = new ArrayList<>();
                r.api().get("/api/groups").path("groups").forEach(g -> out.add(Row.of(g)));
                yield out;
            }
            case PincerApi.Probe.Foreign f -> throw new Fail(f.why());
            case PincerApi.Probe.Stopped s -> onStore(registry -> registry.all().stream().map(Row::of).toList(), List.of());
        };
        PrintWriter out = out();
        if (groups.isEmpty()) {
            out.println("No groups yet; the main group (web:main) is registered at the first start.");
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("FOLDER", "CHAT", "NAME", "TRIGGER", "REQUIRES TRIGGER"));
        for (Row g : groups) {
            rows.add(List.of(g.folder() + (g.isMain() ? " (main)" : ""), g.chat(), g.name(), g.trigger(),
                    g.requiresTrigger() ? "yes" : "no"));
        }
        Table.print(out, rows);
        return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a chat as a group with its own folder, memory and sandbox.",
            footer = {"", "Examples:", "  ./pincer groups add --chat tg:-1001234 --name Family --folder family",
                    "  ./pincer groups add --chat web:notes --name Notes --folder notes --no-trigger"})
    int add(@Option(names = "--chat", required = true, paramLabel = "CHAT",
                    description = "The chat id: web:<name>, tg:<id>, slack:<id>, dc:<id>, wa:<jid>, mail:<address>.") String chat,
            @Option(names = "--name", paramLabel = "NAME", description = "A display name (default: the folder).") String name,
            @Option(names = "--folder", required = true, paramLabel = "FOLDER",
                    description = "The group's folder under groups/: a-z, 0-9, '_' or '-'.") String folder,
            @Option(names = "--trigger", paramLabel = "WORD", description = "The word that wakes the assistant (default: @<assistant>).")
            String trigger,
            @Option(names = "--no-trigger", description = "Answer every message, not only those starting with the trigger.")
            boolean noTrigger) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat", chat);
        body.put("name", name);
        body.put("folder", folder);
        body.put("trigger", trigger);
        body.put("requiresTrigger", !noTrigger);
        Row g = switch (probe()) {
            case PincerApi.Probe.Running r -> Row.of(r.api().post("/api/groups", body));
            case PincerApi.Probe.Foreign f -> throw new Fail(f.why());
            case PincerApi.Probe.Stopped s -> onStore(registry -> Row.of(registry.register(
                    new GroupRegistry.NewGroup(chat, folder, name, trigger, !noTrigger, "{}"))), null);
        };
        out().println("Registered " + g.name() + " (" + g.chat() + ") as group " + g.folder() + ", folder groups/" + g.folder()
                + "; " + (g.requiresTrigger() ? "it answers messages that start with " + g.trigger() + "." : "it answers every message."));
        return 0;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Unregister a group; its folder (memory and files) stays on disk.",
            footer = {"", "Example:", "  ./pincer groups remove family"})
    int remove(@Parameters(paramLabel = "FOLDER", description = "The group's folder, as groups list shows it.") String folder)
            throws IOException {
        switch (probe()) {
            case PincerApi.Probe.Running r -> r.api().delete("/api/groups/" + folder);
            case PincerApi.Probe.Foreign f -> throw new Fail(f.why());
            case PincerApi.Probe.Stopped s -> {
                if (!Boolean.TRUE.equals(onStore(registry -> registry.remove(folder), false))) {
                    throw new Fail("no group uses folder '" + folder + "'; ./pincer groups list shows them");
                }
            }
        }
        Config config = config();
        out().println("Removed group " + folder + ". Its folder " + config.layout().groupsDir().resolve(folder)
                + " stays on disk (delete it yourself if you no longer need its memory and files).");
        return 0;
    }

    /** Works on the store of a stopped Pincer; {@code none} when there is no database yet. */
    private <T> T onStore(Function<GroupRegistry, T> work, T none) throws IOException {
        Config config = config();
        if (none != null && !Files.exists(config.layout().database())) {
            return none;
        }
        try (Database db = Database.open(config.layout().database())) {
            return work.apply(new GroupRegistry(new GroupStore(db), config.layout(), config.assistant().name()));
        }
    }

    /** A group as this command shows it, from the store or from the API. */
    private record Row(String folder, String chat, String name, String trigger, boolean requiresTrigger, boolean isMain) {
        static Row of(Group g) {
            return new Row(g.folder(), g.jid(), g.name(), g.trigger().word(), g.trigger().required(), g.isMain());
        }

        static Row of(JsonNode g) {
            return new Row(g.path("folder").asText(), g.path("chat").asText(), g.path("name").asText(),
                    g.path("trigger").asText(), g.path("requiresTrigger").asBoolean(), g.path("isMain").asBoolean());
        }
    }
}
