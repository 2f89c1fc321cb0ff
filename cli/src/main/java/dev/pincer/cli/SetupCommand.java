package dev.pincer.cli;

import dev.pincer.cli.home.EnvFile;
import dev.pincer.cli.setup.ChannelSetup;
import dev.pincer.cli.setup.Prompter;
import dev.pincer.cli.setup.ProviderCheck;
import dev.pincer.host.channel.ChannelProvider;
import dev.pincer.host.config.Config;
import dev.pincer.host.doctor.Check;
import dev.pincer.host.doctor.Doctor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pincer setup}: a first run for people who do not use a coding agent. Chooses the model
 * provider, stores a key that one tiny real call accepted, configures chat channels (each checked
 * by its module), explains how chats are linked, and ends with what works and what {@code doctor}
 * still flags. Every step can be skipped, it can run again (settings in {@code .env} are kept
 * unless replaced), and flags answer its questions ({@code --yes}: ask nothing).
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Set up Pincer step by step: model provider and key, chat channels, the main chat. Re-runnable; every step can be skipped.",
        footer = {"", "Examples:", "  ./pincer setup",
                "  ./pincer setup --yes --provider anthropic --key-file ~/anthropic.key",
                "  ./pincer setup --yes --channel telegram --token-file ~/telegram.token",
                "  ./pincer setup --yes --provider openai --base-url http://127.0.0.1:11434/v1 --model qwen3 --key-file ~/ollama.key"})
public final class SetupCommand extends PincerCommand implements Callable<Integer> {

    @Option(names = "--provider", paramLabel = "NAME", description = "anthropic or openai (any OpenAI-compatible server).")
    String provider;

    @Option(names = "--key-file", paramLabel = "FILE", description = "A file holding the provider's API key (checked, then stored in .env).")
    Path keyFile;

    @Option(names = "--model", paramLabel = "MODEL", description = "The model (PINCER_MODEL); needed for openai.")
    String model;

    @Option(names = "--base-url", paramLabel = "URL", description = "The provider's URL (ANTHROPIC_BASE_URL or OPENAI_BASE_URL).")
    String baseUrl;

    @Option(names = "--yes", description = "Ask nothing: use the flags and keep everything else as it is.")
    boolean yes;

    /** One chat channel to configure from the command line. */
    static final class ChannelArg {
        @Option(names = "--channel", required = true, paramLabel = "NAME", description = "A chat channel module, e.g. telegram.")
        String name;

        @Option(names = "--token-file", required = true, paramLabel = "FILE",
                description = "Its token (one line), or its settings as KEY=VALUE lines.")
        Path tokenFile;
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<ChannelArg> channels = new ArrayList<>();

    private final List<String> works = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Config config = config();
        PrintWriter out = out();
        Path envPath = config.layout().envFile();
        Prompter ask = yes ? Prompter.none(out)
                : Prompter.asking(in(), out, in() == System.in ? System.console() : null);
        out.println("Pincer setup for " + config.layout().home() + ". Press Enter to skip a step or keep what is set;"
                + " run it again any time.");
        EnvFile env = EnvFile.read(envPath);
        modelStep(config, env, ask);
        channelsStep(config, env, ask);
        linkStep(config);
        summary();
        return failed.isEmpty() ? 0 : 1;
    }

    /** Step 1 and 2: the provider, its URL and model, and its key, checked with one tiny call before it is stored. */
    private void modelStep(Config config, EnvFile env, Prompter ask) throws IOException {
        PrintWriter out = out();
        out.println();
        out.println("1. The model provider");
        String chosen = provider != null ? provider : ask.ask("   Provider: anthropic or openai (any OpenAI-compatible server)",
                config.llm().provider());
        if (!chosen.equals("anthropic") && !chosen.equals("openai")) {
            throw new Fail("unknown provider '" + chosen + "'; use anthropic or openai");
        }
        boolean openai = chosen.equals("openai");
        String urlKey = openai ? "OPENAI_BASE_URL" : "ANTHROPIC_BASE_URL";
        URI current = openai ? config.llm().openai().baseUrl() : config.llm().anthropic().baseUrl();
        String url = baseUrl != null ? baseUrl : openai ? ask.ask("   Server URL", current.toString()) : current.toString();
        String currentModel = openai && config.llm().model().equals(Config.DEFAULT_MODEL) ? null : config.llm().model();
        String chosenModel = model != null ? model : openai ? ask.ask("   Model (as the server names it)", currentModel) : currentModel;
        if (chosenModel == null) {
            failed.add("no model chosen for the openai provider: run setup again with --model MODEL");
            return;
        }
        if (!chosen.equals(config.llm().provider())) {
            env.set("PINCER_PROVIDER", chosen);
        }
        if (!url.equals(current.toString())) {
            env.set(urlKey, url);
        }
        if (!chosenModel.equals(config.llm().model())) {
            env.set("PINCER_MODEL", chosenModel);
        }
        env.write();
        ProviderCheck.Target target = new ProviderCheck.Target(chosen, URI.create(url), chosenModel);

        out.println();
        out.println("2. The " + chosen + " key");
        Optional<String> existing = openai ? Optional.ofNullable(config.llm().openai().apiKey())
                : Optional.ofNullable(config.llm().anthropic().apiKey()).or(() -> Optional.ofNullable(config.llm().anthropic().authToken()));
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<String> key = keyFile != null ? Optional.of(Files.readString(keyFile).strip())
                    : ask.secret("   Paste the API key" + (existing.isPresent() ? " (Enter keeps the current one)" : " (Enter skips)"));
            if (key.isEmpty()) {
                existing.ifPresentOrElse(k -> report(ProviderCheck.check(target, k), "the " + chosen + " key in .env"),
                        () -> failed.add("no " + chosen + " key yet: run ./pincer setup again to add one"));
                return;
            }
            ProviderCheck.Result r = ProviderCheck.check(target, key.get());
            out.println("   " + (r.ok() ? "ok: " : "not stored: ") + r.detail());
            if (r.ok()) {
                env.set(openai ? "OPENAI_API_KEY" : ProviderCheck.anthropicSetting(key.get()), key.get()).write();
                works.add("the " + chosen + " key (" + chosenModel + "), stored in .env (mode 0600)");
                return;
            }
            if (keyFile != null || !ask.asks()) {
                failed.add("the key in " + keyFile + " was refused: " + r.detail());
                return;
            }
        }
        failed.add("no working " + chosen + " key after three tries");
    }

    private void report(ProviderCheck.Result r, String what) {
        out().println("   " + (r.ok() ? "ok: " : "FAIL: ") + r.detail());
        (r.ok() ? works : failed).add(what + (r.ok() ? " works" : ": " + r.detail()));
    }

    /** Step 3: each chat channel module; its settings are kept only when its check passes. */
    private void channelsStep(Config config, EnvFile env, Prompter ask) throws IOException {
        PrintWriter out = out();
        out.println();
        out.println("3. Chat channels (the web chat needs none)");
        List<ChannelProvider> providers = ChannelSetup.providers();
        if (providers.isEmpty()) {
            out.println("   No chat channel modules are installed; the web chat works without one.");
        }
        for (ChannelArg c : channels) {
            ChannelProvider p = ChannelSetup.find(c.name).orElseThrow(() -> new Fail("no chat channel module '" + c.name
                    + "'; installed: " + String.join(", ", providers.stream().map(ChannelProvider::name).toList())));
            Map<String, String> values;
            try {
                values = ChannelSetup.fromTokenFile(p, Files.readAllLines(c.tokenFile));
            } catch (IllegalArgumentException e) {
                throw new Fail(c.tokenFile + ": " + e.getMessage());
            }
            keepIfChecked(config, env, p, values);
        }
        if (!channels.isEmpty() || !ask.asks()) {
            return;
        }
        for (ChannelProvider p : providers) {
            boolean configured = p.settings().stream().filter(ChannelProvider.Setting::required)
                    .allMatch(s -> env.get(s.name()).isPresent() || main.env.containsKey(s.name()));
            if (!ask.yes("   Set up " + p.name() + (configured ? " (configured; y replaces its settings)" : "") + "?", false)) {
                continue;
            }
            Optional<Map<String, String>> values = ChannelSetup.ask(p, ask);
            if (values.isEmpty()) {
                out.println("   skipped " + p.name());
                continue;
            }
            keepIfChecked(config, env, p, values.get());
        }
    }

    private void keepIfChecked(Config config, EnvFile env, ChannelProvider p, Map<String, String> values) throws IOException {
        Check check = ChannelSetup.check(p, main.env, config.layout().home(), values);
        boolean ok = check.ok() && !check.info(); // info: these settings do not turn the channel on
        out().println("   " + p.name() + ": " + (ok ? "ok, " + check.detail() : "not stored: " + check.detail()));
        if (ok) {
            values.forEach(env::set);
            env.write();
            works.add("channel " + p.name() + " (" + check.detail() + ")");
        } else {
            failed.add("channel " + p.name() + ": " + check.detail() + (check.fix().isEmpty() ? "" : "; " + check.fix()));
        }
    }

    /** Step 4: how chats reach the assistant. */
    private void linkStep(Config config) {
        PrintWriter out = out();
        out.println();
        out.println("4. Your main chat");
        out.println("   The main chat is the web chat: ./pincer start prints its link (with the access token), and");
        out.println("   ./pincer chat talks to it from this terminal. From a chat app, write to the bot directly: the first");
        out.println("   direct message gets a pairing code, and ./pincer pair CODE approves it (that chat becomes a group).");
        out.println("   A group chat answers once it is registered: ./pincer groups add --chat tg:<id> --name Family --folder family");
        out.println("   (messages there start with @" + config.assistant().name() + ").");
    }

    /** What works, what failed, and what {@code doctor} still flags. */
    private void summary() throws IOException {
        PrintWriter out = out();
        out.println();
        out.println("What works:");
        (works.isEmpty() ? List.of("(nothing new in this run)") : works).forEach(w -> out.println("  ok    " + w));
        failed.forEach(f -> out.println("  FAIL  " + f));
        out.println("Checking the rest (./pincer doctor)...");
        out.flush();
        List<Check> flagged = Doctor.checks(config()).stream().filter(c -> !c.ok()).toList();
        if (flagged.isEmpty()) {
            out.println("doctor flags nothing. Start Pincer with ./pincer start (or ./pincer service install).");
        } else {
            out.println("doctor still flags:");
            flagged.forEach(c -> out.println("  FAIL  " + c.name() + ": " + c.detail() + "\n        fix: "
                    + c.fix().replace("\n", "\n             ")));
        }
        out.flush();
    }
}
