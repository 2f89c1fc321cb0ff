package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What every command promises: the names of docs/DESIGN.md section 10, a {@code --help} with an
 * example of its own, and a failure that is one line {@code pincer: <reason>} with a non-zero exit.
 */
class CliContractTest {

    @TempDir Path home;

    static final List<String> COMMANDS = List.of("setup", "start", "status", "doctor", "chat", "send", "groups", "tasks", "logs",
            "usage", "pair", "backup", "restore", "service", "import-nanoclaw", "memory", "whatsapp");

    /** Every command and subcommand, as {@code ./pincer a b} words. */
    private static List<List<String>> all(CommandLine c, List<String> path) {
        List<List<String>> out = new ArrayList<>();
        c.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().name().equals(name)) {
                return; // an alias
            }
            List<String> p = new ArrayList<>(path);
            p.add(name);
            out.add(p);
            out.addAll(all(sub, p));
        });
        return out;
    }

    @Test
    void theCommandsAreTheContractsNames() {
        assertThat(new CommandLine(new Main(Map.of())).getSubcommands().keySet()).containsExactlyInAnyOrderElementsOf(COMMANDS);
        assertThat(new CommandLine(new Main(Map.of())).getSubcommands().get("groups").getSubcommands().keySet())
                .containsExactlyInAnyOrder("list", "add", "remove");
        assertThat(new CommandLine(new Main(Map.of())).getSubcommands().get("tasks").getSubcommands().keySet())
                .containsExactlyInAnyOrder("list", "pause", "resume", "cancel", "run");
        assertThat(new CommandLine(new Main(Map.of())).getSubcommands().get("service").getSubcommands().keySet())
                .containsExactlyInAnyOrder("install", "uninstall");
    }

    @Test
    void everyCommandHasHelpWithAnExampleOfItsOwn() {
        List<List<String>> commands = all(new CommandLine(new Main(Map.of())), List.of());
        assertThat(commands).hasSizeGreaterThan(20);
        for (List<String> words : commands) {
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            Cli.Outcome o = Cli.run(Cli.stopped(home), args.toArray(String[]::new));
            assertThat(o.status()).as("%s --help: %s", words, o.all()).isZero();
            String example = "./pincer " + String.join(" ", words);
            assertThat(o.out()).as("%s --help shows an example", words).containsPattern("Examples?:").contains(example);
        }
    }

    @Test
    void aWrongOptionIsOneLineAndExitTwo() {
        Cli.Outcome o = Cli.run(Cli.stopped(home), "usage", "--dayz", "3");
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).startsWith("pincer: Unknown option").contains("'--dayz'").contains("see ./pincer usage --help").hasLineCount(1);
        Cli.Outcome missing = Cli.run(Cli.stopped(home), "send", "hello");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("pincer: Missing required option: '--chat=NAME'").hasLineCount(1);
    }

    @Test
    void aFailedCommandIsOneLineAndNonZero() {
        Cli.Outcome send = Cli.run(Cli.stopped(home), "send", "--chat", "main", "hello");
        assertThat(send.status()).isEqualTo(1);
        assertThat(send.err()).startsWith("pincer: Pincer is not running").contains("./pincer start").hasLineCount(1);
        Cli.Outcome follow = Cli.run(Cli.stopped(home), "logs", "--follow");
        assertThat(follow.status()).isEqualTo(1);
        assertThat(follow.err()).startsWith("pincer: Pincer is not running").hasLineCount(1);
        Cli.Outcome bad = Cli.run(Map.of("PINCER_HOME", home.toString(), "PINCER_WEB_PORT", "nope"), "status");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).startsWith("pincer: invalid setting: PINCER_WEB_PORT=nope").hasLineCount(1);
        Cli.Outcome otherChannel = Cli.run(Cli.stopped(home), "usage", "--days", "0");
        assertThat(otherChannel.err()).isEqualTo("pincer: --days must be between 1 and 3660\n");
    }
}
