package dev.pincer.agent;

import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.FakeAnthropic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An agent run in-process: temp folders laid out like the sandbox, and a fake Anthropic API. */
final class AgentHarness implements AutoCloseable {
    final Path root;
    final Path ipc;
    final Path input;
    final Path output;
    final Path group;
    final Path global;
    final Path home;
    final FakeAnthropic fake = new FakeAnthropic();
    final Map<String, String> extraEnv = new HashMap<>();

    AgentHarness(Path root) throws IOException {
        this.root = root;
        this.ipc = root.resolve("ipc");
        this.input = Files.createDirectories(ipc.resolve("input"));
        this.output = Files.createDirectories(ipc.resolve("output"));
        this.group = Files.createDirectories(root.resolve("group"));
        this.global = Files.createDirectories(root.resolve("global"));
        this.home = Files.createDirectories(root.resolve("home"));
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PINCER_IPC_DIR", ipc.toString());
        env.put("PINCER_GROUP_DIR", group.toString());
        env.put("PINCER_GLOBAL_DIR", global.toString());
        env.put("PINCER_HOME_DIR", home.toString());
        env.put("PINCER_PROXY_SOCKET", root.resolve("run/proxy.sock").toString());
        env.put("PINCER_LLM_BASE_URL", fake.baseUrl());
        env.put("PINCER_RETRY_BASE_MS", "1");
        env.putAll(extraEnv);
        return env;
    }

    static AgentInput.Start start(String prompt, String sessionId) {
        return new AgentInput.Start("run-1", prompt, sessionId, new AgentInput.Group("main", "web:main", true),
                new AgentInput.Setup("Andy", "anthropic", null));
    }

    /**
     * A shell command, for a scripted Bash call, that drops an input file the way the host does
     * (written to a temp name, then renamed), so it arrives while the agent runs.
     */
    String hostWrites(String json, String name) {
        Path file = input.resolve(name);
        return "printf '%s' '" + json + "' > " + file + ".tmp && mv " + file + ".tmp " + file;
    }

    /** Writes the start input and runs the agent to its end; returns the exit code. */
    int run(AgentInput.Start start) throws Exception {
        IpcFiles.write(input, start);
        Map<String, String> env = env();
        return new Agent(AgentConfig.fromEnv(env), env).run();
    }

    List<AgentOutput> outputs() throws IOException {
        List<AgentOutput> list = new ArrayList<>();
        for (Path p : IpcFiles.list(output)) {
            list.add(Json.MAPPER.readValue(IpcFiles.read(p), AgentOutput.class));
        }
        return list;
    }

    /** The outputs, and clears the folder for the next run. */
    List<AgentOutput> takeOutputs() throws IOException {
        List<AgentOutput> list = outputs();
        for (Path p : IpcFiles.list(output)) {
            Files.delete(p);
        }
        return list;
    }

    AgentOutput.Result result() throws IOException {
        List<AgentOutput> all = outputs();
        if (all.isEmpty() || !(all.getLast() instanceof AgentOutput.Result r)) {
            throw new AssertionError("the last output is not a result: " + all);
        }
        return r;
    }

    List<String> messages() throws IOException {
        return outputs().stream().filter(o -> o instanceof AgentOutput.Message)
                .map(o -> ((AgentOutput.Message) o).text()).toList();
    }

    @Override
    public void close() {
        fake.close();
    }
}
