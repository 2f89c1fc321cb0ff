package dev.pincer.host.config;

import dev.pincer.host.sandbox.AgentUser;
import dev.pincer.host.sandbox.IsolationPolicy;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.spend.Budgets;
import dev.pincer.host.tasks.TaskLimits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pincer's settings: the environment first, then {@code .env} (docs/DESIGN.md section 10), grouped
 * by what uses them. Secrets stay in these records only; no {@code toString()} prints them.
 *
 * @param source    where {@code PINCER_HOME}'s folders are, and every setting as it was read (channel
 *                  modules read their own settings from it)
 * @param assistant the assistant's name and time zone
 * @param llm       the model provider, the model, and the credentials the egress proxy adds
 * @param web       the local web chat
 * @param agents    how many agents run at once, for how long, and the agent's JVM
 * @param sandbox   the sandbox runtime, its limits and the extra-mount allowlist
 */
public record Config(Source source, Assistant assistant, Llm llm, Web web, Agents agents, Sandbox sandbox) {

    /**
     * @param layout where {@code PINCER_HOME}'s folders are
     * @param values every setting, the environment over {@code .env} (secrets included: never printed)
     */
    public record Source(Layout layout, Map<String, String> values) {
        public Source {
            values = Map.copyOf(values);
        }

        @Override
        public String toString() {
            return "Source[" + layout.home() + "]";
        }
    }

    public Layout layout() {
        return source.layout();
    }

    /** Every setting as read, for modules that read their own (channels). */
    public Map<String, String> settings() {
        return source.values();
    }

    /**
     * @param name the assistant's name ({@code ASSISTANT_NAME}): replies are signed with it, the default trigger is {@code @name}
     * @param zone  the time zone of prompts and schedules ({@code TZ})
     * @param tasks how much one group may schedule ({@code PINCER_MIN_TASK_INTERVAL}, {@code PINCER_MAX_TASKS_PER_GROUP})
     * @param media the files that come with messages: how large, and where voice notes are transcribed
     */
    public record Assistant(String name, ZoneId zone, TaskLimits tasks, Media media) {}

    /**
     * @param maxAttachmentMb  {@code PINCER_MAX_ATTACHMENT_MB}: the largest file kept (default 20)
     * @param transcribeUrl    {@code PINCER_TRANSCRIBE_URL}: an OpenAI-compatible {@code /v1/audio/transcriptions}, or null
     * @param transcribeModel  {@code PINCER_TRANSCRIBE_MODEL} (default {@code whisper-1})
     * @param transcribeKey    {@code PINCER_TRANSCRIBE_KEY}, else {@code OPENAI_API_KEY}, or null for a local server
     */
    public record Media(int maxAttachmentMb, URI transcribeUrl, String transcribeModel, String transcribeKey) {
        @Override
        public String toString() {
            return "Media[max=" + maxAttachmentMb + " MB, transcribe=" + transcribeUrl + "]";
        }
    }

    /**
     * @param provider {@code anthropic} or {@code openai} ({@code PINCER_PROVIDER})
     * @param model    the model the agent calls ({@code PINCER_MODEL})
     * @param spending the budgets the egress proxy enforces and the price table it counts cost with
     */
    public record Llm(String provider, String model, Anthropic anthropic, OpenAi openai, Spending spending) {
        public boolean isOpenAi() {
            return "openai".equals(provider);
        }

        /** Whether the selected provider has a credential. */
        public boolean hasCredentials() {
            return isOpenAi() ? openai.apiKey() != null : anthropic.apiKey() != null || anthropic.authToken() != null;
        }
    }

    /**
     * @param budgets {@code PINCER_MAX_RUN_TOKENS}, {@code PINCER_MAX_TURNS}, {@code PINCER_DAILY_TOKENS}, {@code PINCER_DAILY_COST_USD}
     * @param prices  {@code PINCER_PRICES}: a JSON price table per model, or null for the built-in one
     */
    public record Spending(Budgets budgets, Path prices) {}

    /** {@code ANTHROPIC_API_KEY}, else an OAuth or auth token, and {@code ANTHROPIC_BASE_URL}. */
    public record Anthropic(String apiKey, String authToken, URI baseUrl) {
        @Override
        public String toString() {
            return "Anthropic[baseUrl=" + baseUrl + "]";
        }
    }

    /** {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}. */
    public record OpenAi(String apiKey, URI baseUrl) {
        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * @param token    {@code PINCER_WEB_TOKEN}, or null: then one is kept in {@code PINCER_HOME}
     * @param webhooks {@code PINCER_WEBHOOK_ADDR}: where platforms that call Pincer (webhooks) reach it
     */
    public record Web(String host, int port, String token, String webhooks) {
        public Optional<String> tokenSetting() {
            return Optional.ofNullable(token);
        }

        @Override
        public String toString() {
            return "Web[" + host + ":" + port + "]";
        }
    }

    /**
     * @param max         {@code PINCER_MAX_AGENTS}: how many sandboxes may be busy at once
     * @param idleTimeout how long a sandbox stays warm after it answered ({@code PINCER_IDLE_TIMEOUT})
     * @param timeout     the longest one answer may take ({@code PINCER_AGENT_TIMEOUT})
     * @param jar         the agent jar run inside the sandbox ({@code PINCER_AGENT_JAR})
     * @param memoryMb    the agent JVM's heap ({@code PINCER_AGENT_MEMORY_MB})
     * @param settings    the agent's own settings ({@link #AGENT_SETTINGS}), passed through as they are
     */
    public record Agents(int max, Duration idleTimeout, Duration timeout, Path jar, int memoryMb,
                         Map<String, String> settings) {}

    /**
     * @param runtime        {@code PINCER_SANDBOX}: auto, bwrap, docker, podman or apple-container
     * @param user           the uid and gid the agent runs as
     * @param limits         memory, processes and CPUs of every sandbox
     * @param storage        which host folders a sandbox may get and how much it may write
     */
    public record Sandbox(String runtime, AgentUser user, Limits limits, Storage storage, Bwrap bwrap,
                          Container container) {}

    /**
     * @param mountAllowlist the extra-mount allowlist file (never mounted itself)
     * @param groupDiskMb    {@code PINCER_GROUP_DISK_MB}: what a group's writable folders may hold (0: no limit)
     */
    public record Storage(Path mountAllowlist, int groupDiskMb) {}

    /**
     * @param binary    {@code PINCER_BWRAP}, or null: found on the PATH
     * @param isolation whether sandboxes may start without per-sandbox limits ({@code PINCER_ALLOW_UNLIMITED})
     *                  or without a seccomp filter for this architecture ({@code PINCER_ALLOW_NO_SECCOMP})
     */
    public record Bwrap(String binary, boolean seccomp, IsolationPolicy isolation) {}

    /**
     * @param image              {@code PINCER_CONTAINER_IMAGE}, never pulled
     * @param dockerHost         {@code PINCER_DOCKER_HOST}, or null
     * @param hostUsr            {@code PINCER_CONTAINER_HOST_USR}: bind the host's whole {@code /usr}
     * @param podmanWorkarounds  {@code PINCER_PODMAN_WORKAROUNDS}: the hybrid-cgroup workarounds
     */
    public record Container(String image, String dockerHost, boolean hostUsr, boolean podmanWorkarounds) {}

    /**
     * Settings read by the agent inside the sandbox, passed through as they are (the agent validates
     * them): run budgets, compaction, WebFetch's fast model, web search, stalls, sub-agent limits.
     */
    public static final java.util.List<String> AGENT_SETTINGS = java.util.List.of(
            "PINCER_MAX_TURNS", "PINCER_MAX_RUN_TOKENS", "PINCER_CONTEXT_TOKENS", "PINCER_COMPACT_AT",
            "PINCER_FAST_MODEL", "PINCER_WEB_SEARCH", "PINCER_STREAM_STALL_SECONDS", "PINCER_RETRY_BASE_MS",
            "PINCER_TEAM_PARALLEL", "PINCER_TEAM_DEPTH", "PINCER_TEAM_MAX_TURNS", "PINCER_TEAM_MAX_TOKENS");

    public static final String DEFAULT_MODEL = "claude-sonnet-4-5";
    /** The default of {@code PINCER_FAST_MODEL}, the model of the agent's WebFetch answers. */
    public static final String DEFAULT_FAST_MODEL = "claude-haiku-4-5";

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
        return new Config(new Source(layout, s),
                new Assistant(v.text("ASSISTANT_NAME", "Andy"), v.zone("TZ"), taskLimits(v),
                        new Media(v.integer("PINCER_MAX_ATTACHMENT_MB", 20, 1, 2048),
                                v.text("PINCER_TRANSCRIBE_URL", null) == null ? null : v.uri("PINCER_TRANSCRIBE_URL", null),
                                v.text("PINCER_TRANSCRIBE_MODEL", "whisper-1"),
                                v.text("PINCER_TRANSCRIBE_KEY", v.text("OPENAI_API_KEY", null)))),
                new Llm(v.oneOf("PINCER_PROVIDER", "anthropic", "anthropic", "openai"), v.text("PINCER_MODEL", DEFAULT_MODEL),
                        new Anthropic(v.text("ANTHROPIC_API_KEY", null), oauth, v.uri("ANTHROPIC_BASE_URL", "https://api.anthropic.com")),
                        new OpenAi(v.text("OPENAI_API_KEY", null), v.uri("OPENAI_BASE_URL", "https://api.openai.com/v1")),
                        new Spending(budgets(v), v.text("PINCER_PRICES", null) == null ? null
                                : Path.of(v.text("PINCER_PRICES", null)).toAbsolutePath())),
                new Web(v.text("PINCER_WEB_HOST", "127.0.0.1"), v.integer("PINCER_WEB_PORT", 7878, 0, 65535),
                        v.text("PINCER_WEB_TOKEN", null), v.text("PINCER_WEBHOOK_ADDR", "127.0.0.1:7879")),
                new Agents(v.integer("PINCER_MAX_AGENTS", 5, 1, 1000),
                        Duration.ofSeconds(v.integer("PINCER_IDLE_TIMEOUT", 300, 0, 86_400)),
                        Duration.ofSeconds(v.integer("PINCER_AGENT_TIMEOUT", 1800, 1, 86_400)),
                        jar, v.integer("PINCER_AGENT_MEMORY_MB", 512, 64, 65_536), agentSettings(s)),
                new Sandbox(v.oneOf("PINCER_SANDBOX", "auto", "auto", "bwrap", "docker", "podman", "apple-container"),
                        new AgentUser(v.integer("PINCER_AGENT_UID", 60000, 1, Integer.MAX_VALUE),
                                v.integer("PINCER_AGENT_GID", 60000, 1, Integer.MAX_VALUE)),
                        sandboxLimits(v), new Storage(mountAllowlist(v), v.integer("PINCER_GROUP_DISK_MB", 2048, 0, 16_777_216)),
                        new Bwrap(v.text("PINCER_BWRAP", null), v.onOff("PINCER_SECCOMP", true),
                                new IsolationPolicy(v.oneOf("PINCER_ALLOW_UNLIMITED", "0", "0", "1").equals("1"),
                                        v.oneOf("PINCER_ALLOW_NO_SECCOMP", "0", "0", "1").equals("1"))),
                        new Container(v.text("PINCER_CONTAINER_IMAGE", "pincer-agent:local"), v.text("PINCER_DOCKER_HOST", null),
                                v.onOff("PINCER_CONTAINER_HOST_USR", false), v.onOff("PINCER_PODMAN_WORKAROUNDS", true))));
    }

    /** PINCER_MIN_TASK_INTERVAL (seconds) and PINCER_MAX_TASKS_PER_GROUP: how much one group may schedule. */
    private static TaskLimits taskLimits(Settings v) {
        var d = TaskLimits.DEFAULT;
        return new TaskLimits(
                Duration.ofSeconds(v.integer("PINCER_MIN_TASK_INTERVAL", (int) d.minInterval().toSeconds(), 1, 604_800)),
                v.integer("PINCER_MAX_TASKS_PER_GROUP", d.maxPerGroup(), 1, 100_000));
    }

    /**
     * The budgets the host enforces on model calls (docs/DESIGN.md section 6). The run budgets are also
     * passed to the agent, which enforces them itself; same ranges here.
     */
    private static Budgets budgets(Settings v) {
        return new Budgets(
                v.integer("PINCER_MAX_RUN_TOKENS", Budgets.DEFAULT_MAX_RUN_TOKENS, 1, Integer.MAX_VALUE),
                v.integer("PINCER_MAX_TURNS", Budgets.DEFAULT_MAX_TURNS, 1, 10_000),
                v.integer("PINCER_DAILY_TOKENS", 0, 0, Integer.MAX_VALUE),
                v.decimal("PINCER_DAILY_COST_USD", 0, 0, 1_000_000));
    }

    /** PINCER_SANDBOX_MEMORY_MB, PINCER_SANDBOX_PIDS, PINCER_SANDBOX_CPUS; the agent heap must fit inside. */
    private static Limits sandboxLimits(Settings v) {
        var d = Limits.DEFAULT;
        var limits = new Limits(
                v.integer("PINCER_SANDBOX_MEMORY_MB", d.memoryMb(), Limits.MIN_MEMORY_MB, 1_048_576),
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

    /** The model of the agent's WebFetch answers ({@code PINCER_FAST_MODEL}). */
    public String fastModel() {
        return agents.settings().getOrDefault("PINCER_FAST_MODEL", DEFAULT_FAST_MODEL);
    }

    @Override
    public String toString() {
        return "Config[home=" + layout().home() + ", assistant=" + assistant.name() + ", provider=" + llm.provider()
                + ", model=" + llm.model() + ", upstream=" + llm.anthropic().baseUrl() + ", credentials="
                + (llm.hasCredentials() ? "set" : "missing") + ", sandbox=" + sandbox.runtime() + ", web=" + web.host()
                + ":" + web.port() + ", maxAgents=" + agents.max() + ", agentTimeout=" + agents.timeout()
                + ", tz=" + assistant.zone() + "]";
    }
}
