package dev.pincer.cli.home;

import dev.pincer.host.channel.ChannelProvider;
import java.util.HashSet;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which settings hold secrets: the model credentials, the web token, every channel module's settings
 * marked secret, and anything named like a key, token, secret or password. A backup leaves them out
 * unless asked; nothing prints them.
 */
public final class SecretSettings {

    private static final Pattern LOOKS_SECRET = Pattern.compile(".*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?)(_.*)?");

    private final Set<String> known;

    private SecretSettings(Set<String> known) {
        this.known = Set.copyOf(known);
    }

    /** The built-in secrets and those of every channel module on the class path. */
    public static SecretSettings load() {
        Set<String> known = new HashSet<>(Set.of("ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_AUTH_TOKEN",
                "OPENAI_API_KEY", "PINCER_WEB_TOKEN"));
        for (ChannelProvider p : ServiceLoader.load(ChannelProvider.class)) {
            p.settings().stream().filter(ChannelProvider.Setting::secret).forEach(s -> known.add(s.name()));
        }
        return new SecretSettings(known);
    }

    public boolean isSecret(String key) {
        return known.contains(key) || LOOKS_SECRET.matcher(key.toUpperCase(Locale.ROOT)).matches();
    }
}
