package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.config.Layout;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.RunLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pincer status} of a stopped Pincer: exit 3 and what the store says (the running case is in CockpitEndToEndTest). */
class StatusCommandTest {

    @TempDir Path home;

    @Test
    void aStoppedPincerExitsThreeWithWhatTheStoreHolds() {
        Cli.Outcome fresh = Cli.run(Cli.stopped(home), "status");
        assertThat(fresh.status()).isEqualTo(3);
        assertThat(fresh.out()).contains("Pincer is not running (no web token yet at " + home.resolve("data/web-token"),
                "No store yet: set it up with ./pincer setup");

        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            GroupRegistry registry = new GroupRegistry(new GroupStore(db), new Layout(home), "Andy");
            registry.ensureDefaults();
            registry.register(new GroupRegistry.NewGroup("tg:42", "family", "Family", null, true, "{}"));
            RunLedger runs = new RunLedger(db);
            runs.start("abcdef12-run", "family", "tg:42", 0);
            runs.fail("abcdef12-run", "the model API answered 529 overloaded");
        }
        Cli.Outcome o = Cli.run(Cli.stopped(home), "status");
        assertThat(o.status()).as(o.all()).isEqualTo(3);
        assertThat(o.out()).contains("Groups (2): main (web:main), family (tg:42)", "Messages stored: 0.",
                "group family, error (the model API answered 529 overloaded)", "Start it with ./pincer start");
    }
}
