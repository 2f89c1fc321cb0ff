package dev.pincer.cli;

import dev.pincer.cli.api.PincerApi;
import dev.pincer.host.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
        try {
            return Config.load(main.env, home);
        } catch (IllegalArgumentException e) {
            throw new Fail("invalid setting: " + e.getMessage() + "; correct it in the environment or in " + home.resolve(".env"));
        }
    }

    /** {@link #config()} for lambdas and helpers that cannot throw {@link IOException}. */
    Config settings() {
        try {
            return config();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the settings: " + e.getMessage(), e);
        }
    }

    /** Whether this home's Pincer runs, asked over its local API. */
    PincerApi.Probe probe() {
        return PincerApi.probe(settings());
    }

    /** The running Pincer's API; a {@link Fail} saying why there is none and how to start it. */
    PincerApi api() {
        return switch (probe()) {
            case PincerApi.Probe.Running r -> r.api();
            case PincerApi.Probe.Stopped s -> throw new Fail("Pincer is not running (" + s.why() + "); start it with ./pincer start");
            case PincerApi.Probe.Foreign f -> throw new Fail(f.why());
        };
    }

    /** Whether this home has no store yet; then prints {@code nothing} and that there is no database. */
    boolean noStoreYet(Config config, String nothing) {
        if (Files.exists(config.layout().database())) {
            return false;
        }
        out().println(nothing + " (no database at " + config.layout().database() + " yet).");
        return true;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    InputStream in() {
        return main.in;
    }
}
