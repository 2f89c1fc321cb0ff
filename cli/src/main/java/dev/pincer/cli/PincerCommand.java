package dev.pincer.cli;

import dev.pincer.host.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code ./pincer} command shares: its picocli spec, the environment of {@link Main}, and the settings read from it. */
abstract class PincerCommand {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    /** The settings: the environment, then {@code $PINCER_HOME/.env}; PINCER_HOME (the launcher sets it) or the working directory. */
    Config config() throws IOException {
        Path home = Path.of(main.env.getOrDefault("PINCER_HOME", ".")).toAbsolutePath().normalize();
        return Config.load(main.env, home);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
