package dev.pincer.cli;

import dev.pincer.host.config.Config;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.pairing.Pairing;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pincer pair CODE}: approves a person who wrote to the assistant directly and got a pairing
 * code; their chat becomes a group. Works on the database, so it works whether Pincer runs or not
 * (a running Pincer sends them the welcome within a minute). Without a code it lists the waiting ones.
 */
@Command(name = "pair", mixinStandardHelpOptions = true, description = "Approve someone who got a pairing code (or list the waiting codes).",
        footer = {"", "Examples:", "  ./pincer pair            (lists the waiting codes)", "  ./pincer pair K7QF3M"})
public final class PairCommand extends PincerCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CODE", arity = "0..1", description = "The code the person received, e.g. K7QF3M.")
    String code;

    @Override
    public Integer call() throws IOException {
        Config config = config();
        PrintWriter out = out();
        if (!Files.exists(config.layout().database())) {
            err().println("pincer: nobody asked to pair yet (no database at " + config.layout().database() + ")");
            return 1;
        }
        try (Database db = Database.open(config.layout().database())) {
            MessageStore messages = new MessageStore(db);
            GroupRegistry registry = new GroupRegistry(new GroupStore(db), config.layout(), config.assistant().name());
            // No delivery thread lives here: the welcome waits in the outbox for the running Pincer.
            Pairing pairing = new Pairing(db, registry, ReplyQueue.of(new OutboxStore(db, messages), () -> { }),
                    config.assistant().name(), Clock.systemUTC());
            if (code == null) {
                var waiting = pairing.waiting();
                out.println(waiting.isEmpty() ? "No pairing codes are waiting." : "Waiting for approval:");
                waiting.forEach(w -> out.println("  " + w.code() + "  " + w.senderName() + " (" + w.chatJid() + ", "
                        + Table.time(w.createdAt(), config.assistant().zone()) + ")"));
                return 0;
            }
            Optional<Pairing.Approved> approved = pairing.approve(code);
            if (approved.isEmpty()) {
                err().println("pincer: no pairing code '" + code + "' is waiting (unknown, or approved before); "
                        + "./pincer pair lists the waiting ones");
                return 1;
            }
            var g = approved.get().group();
            out.println("Approved: " + g.name() + " (" + g.jid() + ") is now the group " + g.folder()
                    + "; their next message is answered.");
            return 0;
        }
    }
}
