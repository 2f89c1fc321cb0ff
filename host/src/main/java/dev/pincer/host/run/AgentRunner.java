package dev.pincer.host.run;

import dev.pincer.host.events.EventBus;
import dev.pincer.host.ipc.DirectoryWatcher;
import dev.pincer.host.ipc.OutputApplier;
import dev.pincer.host.router.PromptFormatter;
import dev.pincer.host.router.Triggers;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.store.SessionStore;
import dev.pincer.host.store.StoredMessage;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent run of one group, start to end: gather the messages since the group's cursor, start
 * the proxy endpoint and the sandbox, hand over the {@code start} input, apply outputs as they
 * appear, and record how it ended. Called by the {@code GroupQueue}, never twice at once per group.
 */
public final class AgentRunner {

    private static final Logger log = LoggerFactory.getLogger(AgentRunner.class);
    private static final int MAX_CATCH_UP = 200;
    private static final DateTimeFormatter LOG_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RunSettings settings;
    private final GroupStore groups;
    private final MessageStore messages;
    private final SessionStore sessions;
    private final RunLedger ledger;
    private final OutputApplier applier;
    private final SandboxRuntime runtime;
    private final ProxyLauncher proxies;
    private final EventBus events;

    public AgentRunner(RunSettings settings, GroupStore groups, MessageStore messages, SessionStore sessions,
                       RunLedger ledger, OutputApplier applier, SandboxRuntime runtime, ProxyLauncher proxies,
                       EventBus events) {
        this.settings = settings;
        this.groups = groups;
        this.messages = messages;
        this.sessions = sessions;
        this.ledger = ledger;
        this.applier = applier;
        this.runtime = runtime;
        this.proxies = proxies;
        this.events = events;
    }

    /** Runs the group if it has triggered, unanswered messages; returns when the sandbox is gone. */
    public void run(String folder) {
        Group group = groups.byFolder(folder).orElse(null);
        if (group == null) {
            return;
        }
        recover(folder);
        List<StoredMessage> pending = catchUp(group);
        if (pending.isEmpty() || pending.stream().noneMatch(m -> Triggers.triggers(group, m.text()))) {
            return;
        }
        String runId = UUID.randomUUID().toString();
        long throughSeq = pending.get(pending.size() - 1).seq();
        ledger.start(runId, folder, group.jid(), throughSeq);
        events.publish("run", Map.of("folder", folder, "runId", runId, "state", "started"));
        String outcome;
        try {
            outcome = runSandbox(group, runId, PromptFormatter.format(pending, settings.zone()));
        } catch (IOException | RuntimeException e) {
            log.error("run {} of group {} could not start", runId, folder, e);
            outcome = "could not start the sandbox: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        if (outcome != null && ledger.fail(runId, outcome)) {
            log.warn("run {} of group {} failed: {}", runId, folder, outcome);
        }
        events.publish("run", Map.of("folder", folder, "runId", runId, "state", outcome == null ? "ok" : "error"));
    }

    /**
     * Applies output files a previous run left behind (Pincer stopped before it read them), as
     * outputs of that run. Called at start-up and before each run.
     */
    public void recover(String folder) {
        Path output = MountPlan.ipcDir(settings.layout().home(), folder).resolve(IpcFiles.OUTPUT);
        ledger.latest(folder).ifPresent(prev -> applier.applyAll(output,
                new OutputApplier.RunTarget(folder, prev.id(), prev.chatJid()), r -> {}));
    }

    /** Unanswered user messages, the most recent {@value #MAX_CATCH_UP} at most. */
    private List<StoredMessage> catchUp(Group group) {
        long cursor = groups.cursor(group.folder());
        List<StoredMessage> all = messages.userMessagesAfter(group.jid(), cursor, Integer.MAX_VALUE);
        return all.size() <= MAX_CATCH_UP ? all : all.subList(all.size() - MAX_CATCH_UP, all.size());
    }

    /** Returns null when the run produced a result, else the reason it failed. */
    private String runSandbox(Group group, String runId, String prompt) throws IOException, InterruptedException {
        Path home = settings.layout().home();
        String folder = group.folder();
        MountPlan.createGroupDirectories(home, folder);
        Path ipc = MountPlan.ipcDir(home, folder);
        Path output = ipc.resolve(IpcFiles.OUTPUT);
        clearStaleInput(ipc.resolve(IpcFiles.INPUT));
        var target = new OutputApplier.RunTarget(folder, runId, group.jid());
        var start = new AgentInput.Start(runId, prompt, sessions.get(folder).orElse(null), folder, group.jid(),
                group.isMain(), settings.assistantName(), settings.provider(), settings.model());
        // Run logs live outside everything the sandbox can write, so the agent cannot plant a symlink there.
        Path logs = settings.layout().logsDir().resolve("runs").resolve(folder);
        Files.createDirectories(logs);
        SandboxSpec spec = new SandboxSpec(
                MountPlan.forGroup(home, folder, group.isMain(), settings.agentJar(), settings.javaHome()),
                agentCommand(), agentEnvironment(), SandboxPaths.GROUP, settings.timeout(),
                logs.resolve("run-" + LOG_NAME.format(Instant.now()) + "-" + runId.substring(0, 8) + ".log"));

        AutoCloseable proxy = proxies.open(folder, MountPlan.runDir(home, folder));
        try {
            IpcFiles.write(ipc.resolve(IpcFiles.INPUT), start);
            SandboxProcess process = runtime.start(spec);
            SandboxExit exit;
            try (DirectoryWatcher ignored = new DirectoryWatcher(output, Duration.ofSeconds(2),
                    () -> applier.applyAll(output, target, r -> {}))) {
                exit = process.waitFor();
            }
            AgentOutput.Result result = applier.applyAll(output, target, r -> {});
            boolean hadResult = result != null
                    || ledger.byId(runId).map(r -> !RunLedger.RUNNING.equals(r.status())).orElse(false);
            return hadResult ? null : describe(exit);
        } finally {
            closeQuietly(proxy, folder);
        }
    }

    private static void closeQuietly(AutoCloseable proxy, String folder) {
        try {
            proxy.close();
        } catch (Exception e) {
            log.warn("closing the proxy of group {} failed: {}", folder, e.toString());
        }
    }

    private List<String> agentCommand() {
        return List.of(Path.of(settings.javaHome().toString(), "bin", "java").toString(),
                "-Xmx" + settings.memoryMb() + "m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp", "-jar", SandboxPaths.AGENT_JAR);
    }

    private Map<String, String> agentEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", SandboxPaths.HOME);
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", settings.zone().getId());
        env.put(SandboxPaths.ENV_IPC_DIR, SandboxPaths.IPC);
        return env;
    }

    private static String describe(SandboxExit exit) {
        return switch (exit) {
            case SandboxExit.Exited(int code) -> "the agent exited with status " + code + " without a result";
            case SandboxExit.TimedOut(Duration limit) -> "the agent ran longer than " + limit.toSeconds() + " s and was stopped";
            case SandboxExit.Killed() -> "the run was stopped";
        };
    }

    /** Inputs left by a run that died are not meant for this one. */
    private static void clearStaleInput(Path input) throws IOException {
        for (Path p : IpcFiles.list(input)) {
            Files.deleteIfExists(p);
        }
    }
}
