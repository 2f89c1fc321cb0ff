package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.bwrap.BwrapRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A throw-away PINCER_HOME with secrets in the places the sandbox must never show, and helpers that
 * run a shell script in a real sandbox of {@code runtime} for a group.
 */
public final class PincerHomeFixture<R extends SandboxRuntime> {
    public static final String ENV_SECRET = "sk-ant-FAKE-env-file-secret-1234567890";
    public static final String DB_SECRET = "FAKE-database-content-0987654321";
    public static final String OTHER_GROUP_SECRET = "FAKE-other-group-memory-5555";
    public static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    public final Path home;
    public final Path agentJar;
    public final Path logs;
    public final R runtime;

    public PincerHomeFixture(Path base, R runtime) throws IOException {
        this.home = Files.createDirectories(base.resolve("pincer"));
        this.logs = Files.createDirectories(base.resolve("run-logs"));
        this.runtime = runtime;
        Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=" + ENV_SECRET + "\n");
        Files.createDirectories(home.resolve("store"));
        Files.writeString(home.resolve("store/pincer.db"), DB_SECRET);
        Files.createDirectories(home.resolve("logs"));
        Files.writeString(home.resolve("logs/pincer.log"), "host log " + ENV_SECRET);
        Files.writeString(home.resolve("README.md"), "project readme\n");
        for (String folder : List.of("main", "family", "other")) {
            MountPlan.createGroupDirectories(home, folder);
        }
        Files.writeString(home.resolve("groups/global/CLAUDE.md"), "global memory\n");
        Files.writeString(home.resolve("groups/other/CLAUDE.md"), OTHER_GROUP_SECRET);
        Files.writeString(home.resolve("data/web-token"), ENV_SECRET);
        this.agentJar = home.resolve("pincer-agent.jar");
        Files.writeString(agentJar, "not really a jar");
    }

    /**
     * The bwrap runtime these tests run on: bwrap from PATH, the default agent uid and stage point.
     * Where this host offers no per-sandbox limits (a normal user without a delegated cgroup) it
     * runs with them allowed, as {@code PINCER_ALLOW_UNLIMITED=1} would, so the isolation tests run
     * everywhere; the refusal itself is {@code BwrapPolicyTest}'s.
     */
    public static BwrapRuntime realRuntime() {
        return unlimitedWhereNeeded(strictRuntime());
    }

    /** {@code runtime}, allowed to run without per-sandbox limits if this host offers none. */
    public static BwrapRuntime unlimitedWhereNeeded(BwrapRuntime runtime) {
        if (!runtime.limitsMechanism().capsSandbox()) {
            runtime.useIsolationPolicy(new IsolationPolicy(true, false));
        }
        return runtime;
    }

    /** The real bwrap runtime with the default policy: no sandbox without per-sandbox limits and a seccomp filter. */
    public static BwrapRuntime strictRuntime() {
        Path bwrap = BwrapRuntime.resolveBinary(null);
        assertThat(bwrap).as("bubblewrap must be installed for these tests: apt-get install -y bubblewrap").isAbsolute();
        return new BwrapRuntime(bwrap, BwrapRuntime.DEFAULT_AGENT_UID, BwrapRuntime.DEFAULT_AGENT_GID,
                BwrapRuntime.DEFAULT_STAGE_DIR);
    }

    public MountPlan plan(String folder, boolean main) {
        return MountPlan.forGroup(home, folder, main, agentJar, JAVA_HOME);
    }

    public static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", "/home/agent");
        env.put("PINCER_MARK", "inside-ok");
        return env;
    }

    public SandboxSpec spec(String folder, boolean main, List<String> argv, Duration timeout) {
        return SandboxSpec.of(plan(folder, main), argv, env(), timeout, logs.resolve(folder + "-" + System.nanoTime() + ".log"));
    }

    /** Runs {@code script} with bash in the group's sandbox, within 30 s; returns exit and output. */
    public Result sh(String folder, boolean main, String script) throws Exception {
        return sh(folder, main, script, Duration.ofSeconds(30));
    }

    /** Runs {@code script} with bash in the group's sandbox, within {@code timeout}. */
    public Result sh(String folder, boolean main, String script, Duration timeout) throws Exception {
        return run(spec(folder, main, List.of("/bin/bash", "-c", script), timeout));
    }

    public Result run(SandboxSpec spec) throws Exception {
        SandboxProcess process = runtime.start(spec);
        SandboxExit exit = process.waitFor();
        return new Result(exit, output(spec.logFile()));
    }

    /** A run log without the runtime's header lines. */
    public static String output(Path logFile) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(logFile, StandardCharsets.UTF_8));
        lines.removeIf(l -> l.startsWith(Launcher.HEADER));
        return String.join("\n", lines);
    }

    public record Result(SandboxExit exit, String output) {
        public List<String> lines() {
            return output.lines().toList();
        }
    }
}
