package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

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
 * run a shell script in a real bwrap sandbox for a group.
 */
final class PincerHomeFixture {
    static final String ENV_SECRET = "sk-ant-FAKE-env-file-secret-1234567890";
    static final String DB_SECRET = "FAKE-database-content-0987654321";
    static final String OTHER_GROUP_SECRET = "FAKE-other-group-memory-5555";
    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    final Path home;
    final Path agentJar;
    final Path logs;
    final BwrapRuntime runtime;

    PincerHomeFixture(Path base, BwrapRuntime runtime) throws IOException {
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

    static BwrapRuntime realRuntime() {
        Path bwrap = BwrapRuntime.resolveBinary(null);
        assertThat(bwrap).as("bubblewrap must be installed for these tests: apt-get install -y bubblewrap").isAbsolute();
        return new BwrapRuntime(bwrap, BwrapRuntime.DEFAULT_AGENT_UID, BwrapRuntime.DEFAULT_AGENT_GID,
                BwrapRuntime.DEFAULT_STAGE_DIR);
    }

    MountPlan plan(String folder, boolean main) {
        return MountPlan.forGroup(home, folder, main, agentJar, JAVA_HOME);
    }

    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", "/home/agent");
        env.put("PINCER_MARK", "inside-ok");
        return env;
    }

    SandboxSpec spec(String folder, boolean main, List<String> argv, Duration timeout) {
        return SandboxSpec.of(plan(folder, main), argv, env(), timeout, logs.resolve(folder + "-" + System.nanoTime() + ".log"));
    }

    /** Runs {@code script} with bash in the group's sandbox; returns exit and output. */
    Result sh(String folder, boolean main, String script) throws Exception {
        return run(spec(folder, main, List.of("/bin/bash", "-c", script), Duration.ofSeconds(30)));
    }

    Result run(SandboxSpec spec) throws Exception {
        SandboxProcess process = runtime.start(spec);
        SandboxExit exit = process.waitFor();
        return new Result(exit, output(spec.logFile()));
    }

    static String output(Path logFile) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(logFile, StandardCharsets.UTF_8));
        lines.removeIf(l -> l.startsWith("=== sandbox "));
        return String.join("\n", lines);
    }

    record Result(SandboxExit exit, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }
}
