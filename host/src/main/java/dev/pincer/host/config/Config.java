package dev.pincer.host.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pincer's settings: the environment first, then {@code .env} (docs/DESIGN.md section 10). Secrets stay
 * in this record only; {@link #toString()} never prints them.
 */
public record Config(
        Layout layout,
        String assistantName,
        String apiKey,
        String authToken,
        URI anthropicBaseUrl,
        String model,
        String provider,
        URI openaiBaseUrl,
        String openaiApiKey,
        String sandbox,
        String bwrap,
        String webHost,
        int webPort,
        String webToken,
        int maxAgents,
        Duration idleTimeout,
        Duration agentTimeout,
        ZoneId zone,
        int agentUid,
        int agentGid,
        int agentMemoryMb,
        Path agentJar,
        Map<String, String> agentSettings,
        Path mountAllowlist,
        dev.pincer.host.sandbox.Limits sandboxLimits,
        boolean seccomp,
        String containerImage,
        String dockerHost,
        boolean containerHostUsr,
        boolean podmanWorkarounds) {

    /**
     * Settings read by the agent inside the sandbox, passed through as they are (the agent
     * validates them): run budgets, compaction, the fast model of WebFetch, web search.
     */
    public static final java.util.List<String> AGENT_SETTINGS = java.util.List.of(
            "PINCER_MAX_TURNS", "PINCER_MAX_RUN_TOKENS", "PINCER_CONTEXT_TOKENS", "PINCER_COMPACT_AT",
            "PINCER_FAST_MODEL", "PINCER_WEB_SEARCH");

    public static final String DEFAULT_MODEL = "claude-sonnet-4-5";

    /** Loads from the process environment and {@code $PINCER_HOME/.env}. */
    public static Config load(Map<String, String> environment, Path defaultHome) throws IOException {
        Path home = Path.of(environment.getOrDefault("PINCER_HOME", defaultHome.toString()));
        Map<String, String> merged = new HashMap<>(DotEnv.read(new Layout(home).envFile()));
        merged.putAll(environment);
        merged.put("PINCER_HOME", home.toString());
        return from(merged);
    }

    /** Builds a config from already merged settings; unknown keys are ignored. */
    public static Config from(Map<String, String> s) {
        Settings v = new Settings(s);
        Layout layout = new Layout(Path.of(v.text("PINCER_HOME", ".")));
        String oauth = v.text("CLAUDE_CODE_OAUTH_TOKEN", v.text("ANTHROPIC_AUTH_TOKEN", null));
        Path jar = Path.of(v.text("PINCER_AGENT_JAR", layout.home().resolve("agent/target/pincer-agent.jar").toString()));
        return new Config(
                layout,
                v.text("ASSISTANT_NAME", "Andy"),
                v.text("ANTHROPIC_API_KEY", null),
                oauth,
                v.uri("ANTHROPIC_BASE_URL", "https://api.anthropic.com"),
                v.text("PINCER_MODEL", DEFAULT_MODEL),
                v.oneOf("PINCER_PROVIDER", "anthropic", "anthropic", "openai"),
                v.uri("OPENAI_BASE_URL", "https://api.openai.com/v1"),
                v.text("OPENAI_API_KEY", null),
                v.oneOf("PINCER_SANDBOX", "auto", "auto", "bwrap", "docker", "podman", "apple-container"),
                v.text("PINCER_BWRAP", null),
                v.text("PINCER_WEB_HOST", "127.0.0.1"),
                v.integer("PINCER_WEB_PORT", 7878, 0, 65535),
                v.text("PINCER_WEB_TOKEN", null),
                v.integer("PINCER_MAX_AGENTS", 5, 1, 1000),
                Duration.ofSeconds(v.integer("PINCER_IDLE_TIMEOUT", 300, 0, 86_400)),
                Duration.ofSeconds(v.integer("PINCER_AGENT_TIMEOUT", 1800, 1, 86_400)),
                v.zone("TZ"),
                v.integer("PINCER_AGENT_UID", 60000, 1, Integer.MAX_VALUE),
                v.integer("PINCER_AGENT_GID", 60000, 1, Integer.MAX_VALUE),
                v.integer("PINCER_AGENT_MEMORY_MB", 512, 64, 65_536),
                jar,
                agentSettings(s),
                mountAllowlist(v),
                sandboxLimits(v),
                v.oneOf("PINCER_SECCOMP", "on", "on", "off").equals("on"),
                v.text("PINCER_CONTAINER_IMAGE", "pincer-agent:local"),
                v.text("PINCER_DOCKER_HOST", null),
                v.oneOf("PINCER_CONTAINER_HOST_USR", "off", "on", "off").equals("on"),
                v.oneOf("PINCER_PODMAN_WORKAROUNDS", "on", "on", "off").equals("on"));
    }

    /** PINCER_SANDBOX_MEMORY_MB, PINCER_SANDBOX_PIDS, PINCER_SANDBOX_CPUS; the agent heap must fit inside. */
    private static dev.pincer.host.sandbox.Limits sandboxLimits(Settings v) {
        var d = dev.pincer.host.sandbox.Limits.DEFAULT;
        var limits = new dev.pincer.host.sandbox.Limits(
                v.integer("PINCER_SANDBOX_MEMORY_MB", d.memoryMb(), dev.pincer.host.sandbox.Limits.MIN_MEMORY_MB, 1_048_576),
                v.integer("PINCER_SANDBOX_PIDS", d.pids(), 8, 1_000_000),
                v.decimal("PINCER_SANDBOX_CPUS", d.cpus(), 0.01, 1024));
        int heap = v.integer("PINCER_AGENT_MEMORY_MB", 512, 64, 65_536);
        if (heap + 64 > limits.memoryMb()) {
            throw new IllegalArgumentException("PINCER_AGENT_MEMORY_MB=" + heap + " does not fit in PINCER_SANDBOX_MEMORY_MB="
                    + limits.memoryMb() + ": the agent JVM needs its heap plus about 64 MiB; lower the first or raise the second");
        }
        return limits;
    }

    /**
     * {@code PINCER_MOUNT_ALLOWLIST}, else {@code $XDG_CONFIG_HOME/pincer/mount-allowlist.json}, else
     * {@code ~/.config/pincer/mount-allowlist.json}: the extra mounts allowed (never mounted itself).
     */
    private static Path mountAllowlist(Settings v) {
        String explicit = v.text("PINCER_MOUNT_ALLOWLIST", null);
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String xdg = v.text("XDG_CONFIG_HOME", null);
        Path configHome = xdg != null && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(v.text("HOME", System.getProperty("user.home")), ".config");
        return configHome.resolve("pincer").resolve("mount-allowlist.json").toAbsolutePath().normalize();
    }

    private static Map<String, String> agentSettings(Map<String, String> s) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String key : AGENT_SETTINGS) {
            String v = s.get(key);
            if (v != null && !v.isBlank()) {
                out.put(key, v.strip());
            }
        }
        return Map.copyOf(out);
    }

    /** Whether any Anthropic credential is configured. */
    public boolean hasCredentials() {
        return "openai".equals(provider) ? openaiApiKey != null : apiKey != null || authToken != null;
    }

    public Optional<String> webTokenSetting() {
        return Optional.ofNullable(webToken);
    }

    @Override
    public String toString() {
        return "Config[home=" + layout.home() + ", assistant=" + assistantName + ", provider=" + provider
                + ", model=" + model + ", upstream=" + anthropicBaseUrl + ", credentials="
                + (hasCredentials() ? "set" : "missing") + ", sandbox=" + sandbox + ", web=" + webHost + ":" + webPort
                + ", maxAgents=" + maxAgents + ", agentTimeout=" + agentTimeout + ", tz=" + zone + "]";
    }

    /** Typed reads with clear errors naming the setting. */
    private record Settings(Map<String, String> s) {
        String text(String key, String def) {
            String v = s.get(key);
            return v == null || v.isBlank() ? def : v.strip();
        }

        int integer(String key, int def, int min, int max) {
            String v = text(key, null);
            if (v == null) {
                return def;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(key + "=" + v + " is out of range " + min + ".." + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + "=" + v + " is not a whole number");
            }
        }

        double decimal(String key, double def, double min, double max) {
            String v = text(key, null);
            if (v == null) {
                return def;
            }
            try {
                double n = Double.parseDouble(v);
                if (!(n >= min && n <= max)) {
                    throw new IllegalArgumentException(key + "=" + v + " is out of range " + min + ".." + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + "=" + v + " is not a number");
            }
        }

        URI uri(String key, String def) {
            String v = text(key, def);
            // a URL may carry a password (user info): messages show it masked
            String shown = v.replaceAll("//[^/@]*@", "//***@");
            URI u;
            try {
                u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            } catch (IllegalArgumentException e) {
                // not chained: the parser's message repeats the whole URL
                throw new IllegalArgumentException(key + "=" + shown + " is not a valid URL: "
                        + e.getMessage().replaceAll("//[^/@]*@", "//***@"));
            }
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException(key + "=" + shown + " must be an http(s) URL");
            }
            return u;
        }

        String oneOf(String key, String def, String... allowed) {
            String v = text(key, def);
            for (String a : allowed) {
                if (a.equals(v)) {
                    return v;
                }
            }
            throw new IllegalArgumentException(key + "=" + v + " must be one of " + String.join(", ", allowed));
        }

        ZoneId zone(String key) {
            String v = text(key, null);
            if (v == null) {
                return ZoneId.systemDefault();
            }
            try {
                return ZoneId.of(v.startsWith(":") ? v.substring(1) : v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key + "=" + v + " is not a known time zone");
            }
        }
    }
}
