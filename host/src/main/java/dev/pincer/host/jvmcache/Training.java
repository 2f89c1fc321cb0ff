package dev.pincer.host.jvmcache;

import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.IpcFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One training run that makes the agent's cache: the real agent jar, with the agent's
 * {@link AgentFlags}, answers one scripted conversation of the {@link TrainingModel} (text, tool
 * calls, their results, a final answer) in a folder of its own, and its JVM writes the cache as it
 * exits. The run is the host's own jar and script: it reads no group's files and reaches no
 * network beyond the loopback model, so it needs no sandbox. The cache is checked with the JVM
 * (which must map it) before it replaces anything.
 */
final class Training {
    /** The longest a training run (or the JVM's check of its cache) may take. */
    static final Duration LIMIT = Duration.ofMinutes(3);
    /** The agent jar's name in the sandbox, which the training copy keeps: the JVM matches class paths by it. */
    static final String JAR_NAME = "pincer-agent.jar";

    /** What the cache is made for: the agent JVM and its jar. */
    record Job(Path javaHome, Path agentJar, JvmKind kind, int heapMb) {
        Path java() {
            return javaHome.resolve("bin").resolve("java");
        }
    }

    private Training() {}

    /**
     * Trains in {@code work} (made afresh, removed afterwards) and moves the checked cache to
     * {@code out}; the JVM's output goes to {@code log}.
     *
     * @throws IOException saying why no cache was made
     */
    static void run(Job job, Path work, Path out, Path log) throws IOException, InterruptedException {
        deleteTree(work);
        try {
            Path group = Files.createDirectories(work.resolve("group"));
            Path ipc = work.resolve("ipc");
            for (String sub : List.of(IpcFiles.INPUT, IpcFiles.OUTPUT, IpcFiles.REQUESTS, IpcFiles.RESPONSES)) {
                Files.createDirectories(ipc.resolve(sub));
            }
            Path jar = Files.copy(job.agentJar(), work.resolve(JAR_NAME));
            Path cache = work.resolve("agent." + job.kind().suffix());
            Path config = work.resolve("agent.aotconf");
            try (TrainingModel model = new TrainingModel(group)) {
                IpcFiles.write(ipc.resolve(IpcFiles.INPUT), new AgentInput.Start("training", "<messages><message sender=\"owner\">"
                        + "Please write a short notes file, show it, read it back and mark it done.</message></messages>", null,
                        new AgentInput.Group("training", "training", false),
                        new AgentInput.Setup("Pincer", "anthropic", "training", Map.of())));
                List<String> argv = new ArrayList<>(head(job));
                argv.addAll(job.kind().trainFlags(cache, config));
                argv.addAll(List.of("-jar", jar.toString()));
                int code = exec(argv, environment(work, model), group, log);
                if (code != 0 || model.requests() < 3) {
                    throw new IOException("the training run ended with exit code " + code + " after " + model.requests()
                            + " of 3 model requests; see " + log);
                }
            }
            if (!job.kind().createFlags(cache, config).isEmpty()) {
                List<String> create = new ArrayList<>(head(job));
                create.addAll(job.kind().createFlags(cache, config));
                create.addAll(List.of("-cp", jar.toString()));
                int code = exec(create, Map.of("PATH", "/usr/bin:/bin"), work, log);
                if (code != 0) {
                    throw new IOException("creating the AOT cache ended with exit code " + code + "; see " + log);
                }
            }
            if (!Files.isRegularFile(cache)) {
                throw new IOException("the training run wrote no cache; see " + log);
            }
            String problem = check(job, cache, log);
            if (problem != null) {
                throw new IOException(problem);
            }
            // readable by the agent's uid in every sandbox (bound read-only)
            Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(cache, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Whether the agent JVM maps {@code cache}: it starts with the cache required and must print its
     * version. Null when it does, else what went wrong; the JVM's output is appended to {@code log}.
     */
    static String check(Job job, Path cache, Path log) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(head(job));
        argv.addAll(job.kind().requireFlags(cache.toString()));
        argv.addAll(List.of("-cp", job.agentJar().toString(), "-version"));
        int code = exec(argv, Map.of("PATH", "/usr/bin:/bin"), cache.getParent(), log);
        return code == 0 ? null : "the JVM cannot use the cache " + cache + " (exit code " + code + "; see " + log + ")";
    }

    private static List<String> head(Job job) {
        List<String> argv = new ArrayList<>(List.of(job.java().toString(), "-Xmx" + job.heapMb() + "m"));
        argv.addAll(AgentFlags.FLAGS);
        return argv;
    }

    /** The agent's environment inside the training folder; no setting of the host's is passed on. */
    private static Map<String, String> environment(Path work, TrainingModel model) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", work.resolve("home").toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("PINCER_IPC_DIR", work.resolve("ipc").toString());
        env.put("PINCER_GROUP_DIR", work.resolve("group").toString());
        env.put("PINCER_GLOBAL_DIR", work.resolve("global").toString());
        env.put("PINCER_HOME_DIR", work.resolve("home").toString());
        env.put("PINCER_EXTRA_DIR", work.resolve("extra").toString());
        env.put("PINCER_PROXY_SOCKET", work.resolve("no-proxy.sock").toString());
        env.put("PINCER_LLM_BASE_URL", model.baseUrl().toString());
        env.put("PINCER_IDLE_TIMEOUT", "0");
        return env;
    }

    /** Runs {@code argv} in {@code dir} with only {@code env}, output appended to {@code log}; killed after {@link #LIMIT}. */
    private static int exec(List<String> argv, Map<String, String> env, Path dir, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        Thread stop = new Thread(p::destroyForcibly); // Pincer stopping mid-training leaves no training JVM behind
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException(argv.get(0) + " took longer than " + LIMIT.toSeconds() + " s; killed (see " + log + ")");
            }
            return p.exitValue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
