package dev.pincer.cli;

import dev.pincer.host.config.Config;
import dev.pincer.host.memory.Hit;
import dev.pincer.host.memory.MemorySearch;
import dev.pincer.host.memory.Results;
import dev.pincer.host.memory.Scope;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pincer memory search "<query>" [--group F] [--limit N]}: searches the memory index in the
 * store directly (every group unless {@code --group}), so it also works while Pincer is stopped. It
 * reads only; a running Pincer keeps the index current.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Search the assistant's memory: archived conversations, memory files, notes, messages.",
        footer = {"", "Examples:", "  ./pincer memory search \"dentist appointment\"", "  ./pincer memory search --group family invoice*"})
public final class MemoryCommand extends CommandGroup {

    private static final int SNIPPET_WIDTH = 100;

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Full-text search, best matches first (BM25). Words must all appear "
            + "(else any); \"quoted phrases\" match exactly; word* matches a prefix.",
            footer = {"", "Example:", "  ./pincer memory search --group family --limit 5 \"school trip\""})
    int search(@Parameters(paramLabel = "QUERY", description = "The words to search for.") String query,
               @Option(names = "--group", paramLabel = "FOLDER", description = "Only this group's files and chat.") String folder,
               @Option(names = "--limit", paramLabel = "N", defaultValue = "" + MemorySearch.DEFAULT_LIMIT,
                       description = "At most N results (1-" + MemorySearch.MAX_LIMIT + ", default ${DEFAULT-VALUE}).") int limit)
            throws IOException {
        PrintWriter out = out();
        Config config = config();
        if (noStoreYet(config, "Nothing to search")) {
            return 0;
        }
        try (Database db = Database.open(config.layout().database())) {
            Scope scope = new Scope.Everything();
            if (folder != null) {
                Group g = new GroupStore(db).byFolder(folder).orElseThrow(() -> new IllegalArgumentException(
                        "no group uses folder '" + folder + "'; the groups are listed in the web app or by the main group's list_groups"));
                scope = new Scope.Group(g.folder(), g.jid());
            }
            Results results = new MemorySearch(db).search(scope, query, limit);
            if (results.hits().isEmpty()) {
                out.println("Nothing found" + (folder == null ? "" : " in group " + folder) + ".");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("SCORE", "SOURCE", "WHERE", "SNIPPET"));
            for (Hit h : results.hits()) {
                rows.add(List.of(String.valueOf(h.score()), h.origin().source().wireName(), where(h.origin(), config),
                        Table.shorten(h.snippet(), SNIPPET_WIDTH)));
            }
            Table.print(out, rows);
            out.println("Ranked by " + results.ranker() + "; the results contain " + results.match().wireName()
                    + " of the words. Files are under " + config.layout().home() + ".");
            return 0;
        }
    }

    private static String where(Hit.Origin origin, Config config) {
        return switch (origin) {
            case Hit.File f -> "groups/" + f.folder() + "/" + f.path() + ":" + f.line();
            case Hit.Message m -> m.chat() + " #" + m.seq() + " " + Table.time(m.time(), config.assistant().zone()) + " " + m.sender();
        };
    }
}
