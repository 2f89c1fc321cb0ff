package dev.pincer.host.team;

import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.ipc.DirectoryWatcher;
import dev.pincer.host.ipc.GroupIpc;
import dev.pincer.host.ipc.RequestHandler;
import dev.pincer.host.ipc.RequestServer;
import dev.pincer.host.proxy.ProxyLauncher;
import dev.pincer.host.run.AgentCommand;
import dev.pincer.host.run.RunSettings;
import dev.pincer.host.sandbox.Mount;
import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox teammate's sandbox, from its folders to its report. It is started as its group's own
 * sandbox is (the same runtime, limits, agent command and egress proxy rules: the proxy is opened
 * for the group and counts the model calls for the parent run), but sees only its type's memory
 * folder ({@link MemoryFolders}), the run's scratch folder and its own IPC, home and proxy folders,
 * all host-made under {@code data/team/}. Its host requests are served by {@code tools}; its outputs
 * become its report ({@link Outputs}). It ends with its result, or is killed when the parent run's
 * time is up or the parent is gone (interrupt).
 */
final class TeammateSandbox {

    private static final Logger log = LoggerFactory.getLogger(TeammateSandbox.class);
    private static final Duration RESCAN = Duration.ofSeconds(2);
    /** How long a teammate gets to exit after its result and {@code close}. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    /**
     * How it ended.
     *
     * @param result its result, or null when it gave none (then {@code exit} says why)
     * @param log    its sandbox log, kept with the run's logs
     */
    record Ending(String report, AgentOutput.Result result, SandboxExit exit, Path log) {}

    private final TeamLaunch launch;
    private final MemoryFolders memory;

    TeammateSandbox(TeamLaunch launch, MemoryFolders memory) {
        this.launch = launch;
        this.memory = memory;
    }

    Ending run(Teammate t, String prompt, RequestHandler tools) throws IOException, InterruptedException {
        String folder = t.group().folder();
        Path dir = t.run().dirOf(t.id());
        GroupIpc ipc = new GroupIpc(folder, dir.resolve("ipc"), dir.resolve("ipc-work"), launch.settings().layout().ipcErrorsDir());
        for (String sub : List.of(IpcFiles.INPUT, IpcFiles.OUTPUT, IpcFiles.REQUESTS, IpcFiles.RESPONSES)) {
            Files.createDirectories(ipc.root().resolve(sub));
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        // The proxy socket's path must stay short (a Unix socket path has about 100 bytes): data/team-run/<8 hex>/.
        Path runDir = Files.createDirectories(launch.settings().layout().dataDir().resolve("team-run")
                .resolve(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE).substring(0, 8)));
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(t.run().scratch());
        Path memoryDir = memory.lend(folder, t.type());
        try {
            SandboxSpec spec = spec(t, List.of(Mount.readWrite(memoryDir, SandboxPaths.TEAM_MEMORY),
                    Mount.readWrite(t.run().scratch(), SandboxPaths.TEAM_SCRATCH), Mount.readWrite(ipc.root(), SandboxPaths.IPC),
                    Mount.readWrite(home, SandboxPaths.HOME), Mount.readWrite(runDir, SandboxPaths.RUN)));
            ipc.dir(IpcFiles.INPUT).write(IpcFiles.newName(), Json.MAPPER.writerFor(AgentInput.class)
                    .writeValueAsBytes(start(t, prompt)));
            try (ProxyLauncher.Handle proxy = launch.proxies().open(folder, runDir);
                 RequestServer requests = new RequestServer(ipc, tools, launch.audit(), RequestServer.DEFAULT_LIMIT)) {
                proxy.beginRun(t.run().runId()); // its model calls count for the run that started it
                requests.start();
                Outputs outputs = new Outputs(ipc.inbox(IpcFiles.OUTPUT), folder + "/" + t.id());
                SandboxExit exit = runSandbox(t, spec, ipc, outputs);
                requests.drain();
                return new Ending(outputs.report(), outputs.result(), exit, spec.logFile());
            } catch (IOException | RuntimeException | InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("closing the teammate's proxy failed: " + e.getMessage(), e);
            }
        } finally {
            memory.giveBack(folder, t.type());
            removeQuietly(runDir);
        }
    }

    /** The proxy folder is only for the sandbox's life: its socket and the folder go with it. */
    private static void removeQuietly(Path runDir) {
        try (var left = Files.list(runDir)) {
            for (Path p : left.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(runDir);
        } catch (IOException e) {
            log.warn("cannot remove the teammate proxy folder {}: {}", runDir, e.toString());
        }
    }

    /** Starts the sandbox and waits for its result, its exit or the parent run's deadline, whichever comes first. */
    private SandboxExit runSandbox(Teammate t, SandboxSpec spec, GroupIpc ipc, Outputs outputs)
            throws IOException, InterruptedException {
        SandboxProcess process = launch.runtime().start(spec);
        log.info("started teammate {} of group {} (run {}): {}", t.id(), t.group().folder(), t.run().runId(),
                process.isolation().describe());
        Semaphore wake = new Semaphore(0);
        process.onExit().thenRun(wake::release);
        try (DirectoryWatcher ignored = new DirectoryWatcher(ipc.root().resolve(IpcFiles.OUTPUT), RESCAN, () -> {
            outputs.drain();
            wake.release();
        })) {
            while (outputs.result() == null && process.isAlive()) {
                long left = t.run().left().toNanos();
                if (left <= 0) {
                    log.warn("teammate {} of group {} outlived its run's time; killing it", t.id(), t.group().folder());
                    process.kill();
                    return new SandboxExit.TimedOut(launch.settings().timeout());
                }
                wake.tryAcquire(left, TimeUnit.NANOSECONDS);
            }
            outputs.drain();
            if (process.isAlive()) {
                ipc.dir(IpcFiles.INPUT).write(IpcFiles.newName(), Json.MAPPER.writerFor(AgentInput.class)
                        .writeValueAsBytes(new AgentInput.Close()));
                if (process.waitFor(CLOSE_GRACE).isEmpty()) {
                    process.kill();
                }
            }
            return process.waitFor();
        } finally {
            if (process.isAlive()) {
                process.kill(); // the parent is gone (interrupted) or something failed: the teammate goes with it
            }
        }
    }

    private SandboxSpec spec(Teammate t, List<Mount> own) throws IOException {
        RunSettings s = launch.settings();
        MountPlan plan = MountPlan.forTeammate(t.group().folder(), own, s.jvm().agentJar(), s.jvm().javaHome());
        Path runLog = AgentCommand.runLog(s, t.group().folder(), "team", t.run().runId().substring(0, 8) + "-" + t.id());
        Duration limit = t.run().left().plus(CLOSE_GRACE).plusSeconds(30); // a safety net behind the deadline above
        AgentCommand.Start start = AgentCommand.start(s, plan, SandboxPaths.TEAM_SCRATCH, s.jvm().cache().forSandbox());
        return new SandboxSpec(start.plan(), start.command(), limit, runLog, AgentCommand.limits(s, t.group()));
    }

    private AgentInput.Start start(Teammate t, String prompt) {
        RunSettings s = launch.settings();
        String groupModel = GroupConfig.parse(t.group().config()).model();
        String model = t.definition().model() != null ? t.definition().model()
                : groupModel != null ? groupModel : s.agent().model();
        return new AgentInput.Start(t.run().runId() + "-" + t.id(), prompt, null,
                new AgentInput.Group(t.group().folder(), t.group().jid(), false),
                new AgentInput.Setup(s.agent().assistantName(), s.agent().provider(), model, Map.of(), t.definition()));
    }
}
