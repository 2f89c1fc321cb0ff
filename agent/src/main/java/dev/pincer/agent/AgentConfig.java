package dev.pincer.agent;

import dev.pincer.agent.llm.CallSettings;
import dev.pincer.agent.llm.RetryPolicy;
import dev.pincer.agent.team.TeamLimits;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.SandboxPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's settings, read from the sandbox environment. Built from a map so tests can inject
 * their own. The environment holds no credentials and no upstream address: the host's egress
 * proxy adds those.
 *
 * @param webSearch {@code PINCER_WEB_SEARCH} (on|off, default on): offer Anthropic's server-side web search
 * @param team      sub-agents' limits, and the folders of a sandboxed teammate
 */
public record AgentConfig(Folders folders, Network network, Limits limits, boolean webSearch, Team team) {

    /**
     * @param limits    what sub-agents may use ({@code PINCER_TEAM_*}, {@code PINCER_AGENT_TIMEOUT})
     * @param memoryDir {@code PINCER_TEAM_MEMORY_DIR}: a sandboxed teammate's own memory folder
     * @param scratchDir {@code PINCER_TEAM_SCRATCH_DIR}: a sandboxed teammate's working directory
     */
    public record Team(TeamLimits limits, Path memoryDir, Path scratchDir) {}

    /**
     * The folders of the sandbox.
     *
     * @param ipc    {@code PINCER_IPC_DIR}: holds {@code input/} and {@code output/}
     * @param group  {@code PINCER_GROUP_DIR}: the group's workspace, cwd of tools
     * @param global {@code PINCER_GLOBAL_DIR}: global memory
     * @param home   {@code PINCER_HOME_DIR}: the agent's home, transcripts under {@code sessions/}
     * @param extra  {@code PINCER_EXTRA_DIR}: the extra mounts, {@code <name>/CLAUDE.md} go into the prompt
     */
    public record Folders(Path ipc, Path group, Path global, Path home, Path extra) {
        public Path input() {
            return ipc.resolve(IpcFiles.INPUT);
        }

        public Path output() {
            return ipc.resolve(IpcFiles.OUTPUT);
        }

        public Path sessions() {
            return home.resolve("sessions");
        }

        /** The files that came with messages, read-only: {@link SandboxPaths#INBOX} in the sandbox. */
        public Path inbox() {
            return group.resolve("inbox");
        }
    }

    /**
     * How the agent reaches the model and the web: through the host's egress proxy.
     *
     * @param proxySocket        {@code PINCER_PROXY_SOCKET}: the host's egress proxy (Unix socket)
     * @param proxyPort          {@code PINCER_PROXY_PORT}: loopback port relayed to the proxy socket
     * @param llmBaseUrl         {@code PINCER_LLM_BASE_URL}: where {@code /v1/messages} lives
     * @param llmBaseUrlExplicit whether {@code PINCER_LLM_BASE_URL} was set (tests talk to a fake directly)
     * @param retryBaseMillis    {@code PINCER_RETRY_BASE_MS}: first retry delay of the LLM client
     * @param stall              {@code PINCER_STREAM_STALL_SECONDS} (fractions allowed): how long a model
     *                           response may take to start, or stay silent once started
     */
    public record Network(Path proxySocket, int proxyPort, URI llmBaseUrl, boolean llmBaseUrlExplicit, long retryBaseMillis,
                          Duration stall) {
        /** The loopback address tools reach the proxy through. */
        public String proxyUrl() {
            return "http://127.0.0.1:" + proxyPort;
        }

        /** How model calls over {@code http} retry and how long they wait. */
        public CallSettings modelCalls(HttpClient http) {
            return new CallSettings(http, RetryPolicy.standard(retryBaseMillis), stall, Json.MAPPER);
        }
    }

    /**
     * What a run and a conversation may use.
     *
     * @param maxTurns      {@code PINCER_MAX_TURNS}: model calls per run
     * @param maxRunTokens  {@code PINCER_MAX_RUN_TOKENS}: tokens a run may use over all its model calls
     *                      (input, cached input and output); no further call starts once it is reached
     * @param contextTokens {@code PINCER_CONTEXT_TOKENS}: the model's context window
     * @param compactAt     {@code PINCER_COMPACT_AT}: the share of the window (0.1 to 1) at which the
     *                      conversation is compacted, measured by the last answer's input and cached tokens
     */
    public record Limits(int maxTurns, long maxRunTokens, long contextTokens, double compactAt) {}

    /** The default of {@code PINCER_MAX_RUN_TOKENS}. */
    public static final int DEFAULT_MAX_RUN_TOKENS = 2_000_000;
    /** The default of {@code PINCER_CONTEXT_TOKENS}. */
    public static final int DEFAULT_CONTEXT_TOKENS = 200_000;
    /** The default of {@code PINCER_COMPACT_AT}. */
    public static final double DEFAULT_COMPACT_AT = 0.8;

    /**
     * Reads the settings; unset variables take their sandbox defaults.
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static AgentConfig fromEnv(Map<String, String> env) {
        int port = intVar(env, "PINCER_PROXY_PORT", SandboxPaths.PROXY_PORT, 1, 65535);
        String base = env.get("PINCER_LLM_BASE_URL");
        boolean explicit = base != null && !base.isBlank();
        URI baseUrl = url(explicit ? base.strip() : "http://127.0.0.1:" + port + SandboxPaths.LLM_PREFIX);
        return new AgentConfig(
                new Folders(path(env, SandboxPaths.ENV_IPC_DIR, SandboxPaths.IPC),
                        path(env, "PINCER_GROUP_DIR", SandboxPaths.GROUP),
                        path(env, "PINCER_GLOBAL_DIR", SandboxPaths.GLOBAL),
                        path(env, "PINCER_HOME_DIR", SandboxPaths.HOME),
                        path(env, "PINCER_EXTRA_DIR", SandboxPaths.EXTRA)),
                new Network(path(env, "PINCER_PROXY_SOCKET", SandboxPaths.PROXY_SOCKET), port, baseUrl, explicit,
                        intVar(env, "PINCER_RETRY_BASE_MS", 1000, 0, 600_000),
                        Duration.ofMillis(Math.round(1000 * decimal(env, "PINCER_STREAM_STALL_SECONDS",
                                CallSettings.DEFAULT_STALL.toSeconds(), 0.1, 86_400, "a number of seconds from 0.1 to 86400")))),
                new Limits(intVar(env, "PINCER_MAX_TURNS", 50, 1, 10_000),
                        intVar(env, "PINCER_MAX_RUN_TOKENS", DEFAULT_MAX_RUN_TOKENS, 1, Integer.MAX_VALUE),
                        intVar(env, "PINCER_CONTEXT_TOKENS", DEFAULT_CONTEXT_TOKENS, 1000, Integer.MAX_VALUE),
                        decimal(env, "PINCER_COMPACT_AT", DEFAULT_COMPACT_AT, 0.1, 1,
                                "a number from 0.1 to 1 (a share of the context window)")),
                onOff(env, "PINCER_WEB_SEARCH", true),
                new Team(new TeamLimits(intVar(env, "PINCER_TEAM_PARALLEL", TeamLimits.DEFAULT_PARALLEL, 1, 64),
                        intVar(env, "PINCER_TEAM_DEPTH", TeamLimits.DEFAULT_DEPTH, 0, 5),
                        intVar(env, "PINCER_TEAM_MAX_TURNS", TeamLimits.DEFAULT_MAX_TURNS, 1, 10_000),
                        intVar(env, "PINCER_TEAM_MAX_TOKENS", TeamLimits.DEFAULT_MAX_TOKENS, 1, Integer.MAX_VALUE),
                        Duration.ofSeconds(intVar(env, "PINCER_AGENT_TIMEOUT", TeamLimits.DEFAULT_RUN_TIMEOUT_SECONDS, 1, 86_400))),
                        path(env, "PINCER_TEAM_MEMORY_DIR", SandboxPaths.TEAM_MEMORY),
                        path(env, "PINCER_TEAM_SCRATCH_DIR", SandboxPaths.TEAM_SCRATCH)));
    }

    private static boolean onOff(Map<String, String> env, String name, boolean fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, not '" + v + "'");
        };
    }

    private static Path path(Map<String, String> env, String name, String fallback) {
        String v = env.getOrDefault(name, "");
        Path p = Path.of(v.isBlank() ? fallback : v.strip());
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException(name + " must be an absolute path, got '" + v + "'");
        }
        return p.normalize();
    }

    private static int intVar(Map<String, String> env, String name, int fallback, int min, int max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer from " + min + " to " + max + ", got '" + v + "'");
        }
    }

    /** A number from {@code min} to {@code max}, {@code what} naming it in the error, e.g. "a number from 0.1 to 1". */
    private static double decimal(Map<String, String> env, String name, double fallback, double min, double max, String what) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!(d >= min && d <= max)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + what + ", got '" + v + "'");
        }
    }

    private static URI url(String s) {
        String trimmed = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PINCER_LLM_BASE_URL is not a URL: '" + s + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("PINCER_LLM_BASE_URL must be an http(s) URL with a host, got '" + s + "'");
        }
        return uri;
    }
}
