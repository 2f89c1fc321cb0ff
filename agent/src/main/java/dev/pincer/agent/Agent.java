package dev.pincer.agent;

import dev.pincer.agent.hostcalls.HostClient;
import dev.pincer.agent.ipc.FollowUps;
import dev.pincer.agent.ipc.InputWatcher;
import dev.pincer.agent.ipc.OutputWriter;
import dev.pincer.agent.llm.AnthropicClient;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.ChatModel;
import dev.pincer.agent.llm.Provider;
import dev.pincer.agent.media.PromptFiles;
import dev.pincer.agent.mcp.McpServers;
import dev.pincer.agent.relay.ProxyRelay;
import dev.pincer.agent.session.Compactor;
import dev.pincer.agent.session.ConversationArchive;
import dev.pincer.agent.session.ConversationMarkdown;
import dev.pincer.agent.session.Transcript;
import dev.pincer.agent.tools.ToolRunner;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.RunFailure;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent process: starts the proxy relay, waits for the start input, runs the conversation and
 * reports through {@code output/}. Returns the process exit code: {@link #OK}, {@link #RUN_FAILED}
 * (an error result was written) or {@link #STARTUP_FAILED} (nothing could be reported).
 */
public final class Agent {
    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int STARTUP_FAILED = 2;
    public static final String DEFAULT_MODEL = "claude-sonnet-4-5";
    public static final int MAX_TOKENS = 8192;
    private static final Log LOG = Log.named("agent");
    private static final Duration RESCAN = Duration.ofSeconds(2);

    /** Messages kept verbatim after a compaction (about three exchanges). */
    private static final int COMPACT_KEEP_MESSAGES = 6;
    private static final Duration HOST_TIMEOUT = Duration.ofSeconds(60);

    private final AgentConfig config;
    private final Map<String, String> env;
    private final Duration idleTimeout;

    /**
     * @param env the agent's environment; tools start with it plus the proxy variables
     */
    public Agent(AgentConfig config, Map<String, String> env) {
        this.config = config;
        this.env = Map.copyOf(env);
        this.idleTimeout = FollowUps.idleTimeout(env);
    }

    public int run() throws InterruptedException {
        if (!Files.isDirectory(config.folders().output())) {
            LOG.warn("the output folder %s does not exist (is the IPC folder mounted?)", config.folders().output());
            return STARTUP_FAILED;
        }
        ProxyRelay relay = null;
        AgentConfig.Network net = config.network();
        try {
            if (net.llmBaseUrlExplicit() && !Files.exists(net.proxySocket())) {
                LOG.info("no proxy socket at %s; talking to %s directly", net.proxySocket(), net.llmBaseUrl());
            } else {
                if (!Files.exists(net.proxySocket())) {
                    LOG.warn("the proxy socket %s does not exist yet; network calls will fail until it does", net.proxySocket());
                }
                relay = ProxyRelay.start(net.proxyPort(), net.proxySocket());
            }
            try (InputWatcher inputs = new InputWatcher(config.folders().input(), RESCAN)) {
                Optional<AgentInput.Start> start = inputs.awaitStart();
                if (start.isEmpty()) {
                    LOG.info("closed before a run started");
                    return OK;
                }
                return runOnce(start.get(), inputs, new OutputWriter(config.folders().output()));
            }
        } catch (IOException e) {
            LOG.error("cannot start or report: " + e.getMessage(), e);
            return STARTUP_FAILED;
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
    }

    private int runOnce(AgentInput.Start start, InputWatcher inputs, OutputWriter out) throws IOException {
        LOG.info("run %s started (group %s, session %s)", start.runId(), start.group().folder(), start.sessionId());
        RunReport report = new RunReport(out);
        report.begin();
        String sessionId = start.sessionId();
        AgentLoop loop = null;
        Transcript transcript = null;
        FollowUps followUps = new FollowUps(inputs, start.runId());
        try (HttpClient http = AnthropicClient.defaultHttpClient(); McpServers mcp = startMcp(start, out)) {
            check(start);
            var files = new PromptFiles(config.folders().inbox());
            transcript = Transcript.open(config.folders().sessions(), start.sessionId(), Json.MAPPER, files);
            sessionId = transcript.sessionId();
            var host = new HostClient(config.folders().ipc(), HOST_TIMEOUT);
            Provider provider = Provider.of(start.setup().provider());
            var model = new ChatModel(provider.client(config.network().llmBaseUrl(), config.network().modelCalls(http)),
                    start.setup().model() == null || start.setup().model().isBlank() ? DEFAULT_MODEL : start.setup().model(), MAX_TOKENS);
            var parts = RunSetup.build(start, config,
                    new RunSetup.Services(model, files, host.available() ? host : null, mcp.tools(), toolEnv()), sessionId);
            boolean webSearch = config.webSearch() && (!parts.teammate() || start.setup().teammate().allows("WebSearch"));
            var settings = new AgentLoop.Settings(parts.system() + provider.promptNote(),
                    webSearch ? provider.tools(parts.registry().definitions(Json.MAPPER), Json.MAPPER)
                            : parts.registry().definitions(Json.MAPPER),
                    parts.teammate() ? config.team().limits().maxTurns() : config.limits().maxTurns(),
                    parts.teammate() ? config.team().limits().maxTokens() : config.limits().maxRunTokens());
            var compactor = new Compactor(model,
                    new Compactor.Settings(config.limits().contextTokens(), config.limits().compactAt(), COMPACT_KEEP_MESSAGES),
                    new ConversationArchive(parts.archiveDir(), Clock.systemDefaultZone(), new ConversationMarkdown(Json.MAPPER)));
            LiveReport live = new LiveReport(out);
            var conversation = new AgentLoop.Conversation(transcript, followUps::drain,
                    (text, answering) -> out.write(new AgentOutput.Message(text, null, answering)), files, live);
            loop = new AgentLoop(model, new ToolRunner(parts.registry(), live), conversation, settings, compactor, parts.meter());
            AgentLoop.Outcome outcome = loop.run(start.prompt(), start.runId());
            int code = finish(loop.answering(), sessionId, outcome, loop.usage(), report);
            settle(transcript, report);
            // Stay warm: a follow-up starts a new turn of the same conversation; close or the idle timeout ends it.
            // A sandboxed teammate answers once and ends.
            Optional<String> next;
            while (code == OK && !parts.teammate() && !(outcome instanceof AgentLoop.Outcome.Closed)
                    && (next = followUps.awaitNext(idleTimeout)).isPresent()) {
                report.begin();
                parts.team().startRun();
                outcome = loop.run(next.get(), followUps.runId());
                code = finish(loop.answering(), sessionId, outcome, loop.usage(), report);
                settle(transcript, report);
            }
            return code;
        } catch (ApiException e) {
            int code = fail(report, followUps.runId(), sessionId, RunFailures.of(e, Provider.of(start.setup().provider())), loop, e);
            settle(transcript, report);
            return code;
        } catch (InterruptedException e) {
            // the result first: writing a file on an interrupted thread fails
            int code = fail(report, followUps.runId(), sessionId, RunFailures.internal(e), loop, e);
            settle(transcript, report);
            Thread.currentThread().interrupt();
            return code;
        } catch (Exception | Error e) {
            int code = fail(report, followUps.runId(), sessionId, RunFailures.internal(e), loop, e);
            settle(transcript, report);
            return code;
        }
    }

    /**
     * After a turn's result was written: an answered turn (also one a budget stopped) becomes the
     * session's restore point; a failed one is taken back out of the session, so the messages it
     * held are not in the conversation twice when they are given again.
     */
    private static void settle(Transcript transcript, RunReport report) {
        if (transcript == null) {
            return;
        }
        boolean keep = report.answered();
        try {
            if (keep) {
                transcript.checkpoint();
            } else {
                transcript.rollback();
            }
        } catch (IOException e) {
            LOG.warn("cannot %s the session: %s", keep ? "save the restore point of" : "roll back", e.getMessage());
        }
    }

    private static void check(AgentInput.Start start) {
        if (start.prompt() == null || start.prompt().isBlank()) {
            throw new IllegalArgumentException("the start input has no prompt");
        }
        Provider.of(start.setup().provider()); // fails on an unknown provider before anything runs
    }

    private static int finish(String runId, String sessionId, AgentLoop.Outcome outcome, Usage usage, RunReport report)
            throws IOException {
        switch (outcome) {
            case AgentLoop.Outcome.Finished f -> report.finished(runId, sessionId, f.text(), usage);
            case AgentLoop.Outcome.Closed c -> {
                LOG.info("closed by the host between turns");
                report.finished(runId, sessionId, "", usage);
            }
            case AgentLoop.Outcome.TurnLimit t -> {
                report.failed(runId, sessionId, RunFailures.turnLimit(t.turns()), usage, null);
                return RUN_FAILED;
            }
            case AgentLoop.Outcome.TokenLimit t -> {
                report.failed(runId, sessionId, RunFailures.tokenLimit(t.used(), t.limit()), usage, null);
                return RUN_FAILED;
            }
        }
        return OK;
    }

    /**
     * Ends the open run with {@code failure}; a failure after the last run's result (while waiting
     * for a follow-up, or closing) has no run to report on and is only logged.
     */
    private static int fail(RunReport report, String runId, String sessionId, RunFailure failure, AgentLoop loop,
                            Throwable cause) throws IOException {
        if (!report.open()) {
            LOG.error("failed after run " + runId + " had ended: " + failure.detail(), cause);
            return RUN_FAILED;
        }
        report.failed(runId, sessionId, failure, loop == null ? Usage.ZERO : loop.usage(), cause);
        return RUN_FAILED;
    }

    /** The group's MCP servers, started in the workspace; the chat hears once about each that did not start. */
    private McpServers startMcp(AgentInput.Start start, OutputWriter out) throws IOException, InterruptedException {
        McpServers mcp = McpServers.start(start.setup().mcpServers(), config.folders().group(), toolEnv(),
                McpServers.INIT_TIMEOUT, McpServers.REQUEST_TIMEOUT);
        try {
            for (McpServers.Failure f : mcp.failures()) {
                out.write(new AgentOutput.Message(f.chatMessage(), null));
            }
        } catch (IOException e) {
            mcp.close();
            throw e;
        }
        return mcp;
    }

    /** The environment of tool processes: ours plus the proxy, so curl, pip, git... go through it. */
    private Map<String, String> toolEnv() {
        Map<String, String> m = new HashMap<>(env);
        String proxy = config.network().proxyUrl();
        for (String name : new String[] {"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"}) {
            m.put(name, proxy);
        }
        m.put("NO_PROXY", "localhost,127.0.0.1");
        m.put("no_proxy", "localhost,127.0.0.1");
        return m;
    }
}
