package dev.pincer.cli.setup;

import dev.pincer.host.channel.ChannelProvider;
import dev.pincer.host.config.Config;
import dev.pincer.host.config.DotEnv;
import dev.pincer.host.doctor.Check;
import dev.pincer.host.doctor.Doctor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;

/**
 * The chat channel modules on the class path (found like {@code doctor} finds them, with
 * {@link ServiceLoader}), the settings each needs, and a check of those settings with the module's
 * own {@code check()} before they are kept.
 */
public final class ChannelSetup {
    private ChannelSetup() {}

    public static List<ChannelProvider> providers() {
        return StreamSupport.stream(ServiceLoader.load(ChannelProvider.class).spliterator(), false).toList();
    }

    public static Optional<ChannelProvider> find(String name) {
        return providers().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The settings in a token file: {@code KEY=VALUE} lines name them; a file with one bare token is
     * the provider's first required secret setting (e.g. {@code TELEGRAM_BOT_TOKEN}), else its first secret one.
     */
    public static Map<String, String> fromTokenFile(ChannelProvider p, List<String> lines) {
        Map<String, String> named = DotEnv.parse(lines);
        if (!named.isEmpty()) {
            List<String> known = p.settings().stream().map(ChannelProvider.Setting::name).toList();
            named.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException(k + " is not a setting of channel " + p.name() + "; it reads " + String.join(", ", known));
            });
            return named;
        }
        List<String> tokens = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        ChannelProvider.Setting first = p.settings().stream().filter(s -> s.required() && s.secret()).findFirst()
                .or(() -> p.settings().stream().filter(ChannelProvider.Setting::secret).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("channel " + p.name() + " needs named settings; write KEY=VALUE lines"));
        if (tokens.size() != 1) {
            throw new IllegalArgumentException("a token file holds one token, or KEY=VALUE lines (" + first.name() + "=...)");
        }
        return Map.of(first.name(), tokens.get(0));
    }

    /** Asks for each required setting (secrets without echo); empty when the user skipped one. */
    public static Optional<Map<String, String>> ask(ChannelProvider p, Prompter prompter) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ChannelProvider.Setting s : p.settings()) {
            if (!s.required()) {
                continue;
            }
            String question = "  " + s.name() + " (" + s.description() + ")";
            Optional<String> v = s.secret() ? prompter.secret(question) : Optional.ofNullable(prompter.ask(question, null));
            if (v.isEmpty()) {
                return Optional.empty();
            }
            values.put(s.name(), v.get());
        }
        return Optional.of(values);
    }

    /**
     * The {@code doctor} check of {@code p} with {@code values} over the current settings (the
     * environment, then {@code .env}).
     */
    public static Check check(ChannelProvider p, Map<String, String> env, Path home, Map<String, String> values) throws IOException {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(values);
        return Doctor.channel(Config.load(merged, home), p);
    }
}
