package dev.pincer.host.jvmcache;

import dev.pincer.host.config.Config;
import dev.pincer.host.sandbox.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent JVM's start-up cache: one file per agent jar content, JVM and {@link AgentFlags} in
 * {@code PINCER_HOME/data/jvm-cache} ({@code agent-<key>.aot}), made once by a {@link Training}
 * run in the background and then mounted read-only into every sandbox. Until it exists, when
 * {@code PINCER_JVM_CACHE=off}, or when the JVM cannot use it, agents start without it: the cache
 * only ever costs or saves time. A cache of another key (an older jar or JVM) is stale: never
 * used, and removed once the new one is made.
 */
public final class AgentJvmCache {
    private static final Logger log = LoggerFactory.getLogger(AgentJvmCache.class);
    /** Where the cache is inside the sandbox, beside the agent jar; the file name ends in the kind's suffix. */
    public static final String TARGET = "/opt/pincer/pincer-agent.";

    /**
     * @param enabled  {@code PINCER_JVM_CACHE} is on (the default)
     * @param dir      where caches live, {@code data/jvm-cache}
     * @param agentJar the agent jar on the host
     * @param javaHome the JVM that runs the agent
     * @param heapMb   the agent's heap, as in the sandbox
     */
    public record Settings(boolean enabled, Path dir, Path agentJar, Path javaHome, int heapMb) {}

    /** What one sandbox gets: the cache mounted read-only and the flags that use it. */
    public record Use(Mount mount, List<String> flags) {}

    private final Settings settings;
    private final JvmKind kind;
    private String jarStamp;
    private String key;
    private CompletableFuture<Path> training;
    private String trainingKey;

    public AgentJvmCache(Settings settings) {
        this.settings = settings;
        this.kind = settings.enabled() ? JvmKind.of(JvmKind.feature(settings.javaHome())) : JvmKind.NONE;
    }

    /** From the configuration: {@code PINCER_JVM_CACHE} (on or off), the agent jar, this JVM. */
    public static AgentJvmCache of(Config config) {
        String v = config.settings().getOrDefault("PINCER_JVM_CACHE", "on").strip().toLowerCase(Locale.ROOT);
        if (!v.isEmpty() && !v.equals("on") && !v.equals("off")) {
            throw new IllegalArgumentException("PINCER_JVM_CACHE=" + v + " must be on or off");
        }
        return new AgentJvmCache(new Settings(!v.equals("off"), config.layout().dataDir().resolve("jvm-cache"),
                config.agents().jar(), Path.of(System.getProperty("java.home")), config.agents().memoryMb()));
    }

    public JvmKind kind() {
        return kind;
    }

    /**
     * The cache for the next sandbox, when it exists; when it does not, its training is started in
     * the background (once per key) and this sandbox starts without.
     */
    public Optional<Use> forSandbox() {
        Path file = file();
        if (file == null) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            prepare();
            return Optional.empty();
        }
        String target = TARGET + kind.suffix();
        return Optional.of(new Use(Mount.readOnly(file, target), kind.useFlags(target)));
    }

    /**
     * Starts the training of the current key's cache in the background unless it exists, runs, or
     * failed before; the future ends with the cache file (or the training's failure).
     */
    public synchronized CompletableFuture<Path> prepare() {
        Path file = file();
        if (file == null) {
            return CompletableFuture.failedFuture(new IOException("no cache: " + status().detail()));
        }
        if (Files.isRegularFile(file)) {
            return CompletableFuture.completedFuture(file);
        }
        if (training != null && key.equals(trainingKey) && (!training.isDone() || training.isCompletedExceptionally())) {
            return training; // running, or failed for this jar and JVM: tried again at the next start of Pincer
        }
        trainingKey = key;
        CompletableFuture<Path> job = new CompletableFuture<>();
        training = job;
        String trained = key;
        Thread.ofVirtual().name("jvm-cache-training").start(() -> train(file, trained, job));
        return job;
    }

    private void train(Path file, String trainedKey, CompletableFuture<Path> job) {
        long started = System.nanoTime();
        Path logFile = settings.dir().resolve("agent-" + trainedKey + ".log");
        try {
            Files.createDirectories(settings.dir());
            Files.deleteIfExists(logFile);
            Training.run(job(), settings.dir().resolve("training-" + trainedKey), file, logFile);
            removeStale(file);
            log.info("agent JVM cache made in {} ms: {}", (System.nanoTime() - started) / 1_000_000, file);
            job.complete(file);
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("no agent JVM cache this time (agents start without it, only slower): {}", e.getMessage());
            job.completeExceptionally(e);
        }
    }

    /** Whether the cache is active, for {@code doctor}: a present cache is checked with the JVM itself. */
    public Status status() {
        if (!settings.enabled()) {
            return new Status(false, true, "off (PINCER_JVM_CACHE=off): every agent JVM starts without a cache");
        }
        if (kind == JvmKind.NONE) {
            return new Status(false, true, "Java " + JvmKind.feature(settings.javaHome()) + " has no start-up cache Pincer uses");
        }
        Path file = file();
        if (file == null) {
            return new Status(false, true, "no agent jar at " + settings.agentJar() + " yet");
        }
        if (!Files.isRegularFile(file)) {
            return new Status(false, true, "not made yet: " + file + " (Pincer trains it when it starts; until then agents start without)");
        }
        try {
            String problem = Training.check(job(), file, settings.dir().resolve("check.log"));
            return problem == null
                    ? new Status(true, true, "active: " + file + " (" + kind.name().toLowerCase(Locale.ROOT) + ", "
                            + Files.size(file) / (1024 * 1024) + " MiB), mounted read-only into every sandbox")
                    : new Status(false, false, problem);
        } catch (IOException | InterruptedException e) {
            return new Status(false, false, "cannot check " + file + ": " + e.getMessage());
        }
    }

    /**
     * @param active  the next sandbox will use a cache
     * @param healthy nothing is wrong (a cache switched off or not made yet is not a fault)
     */
    public record Status(boolean active, boolean healthy, String detail) {}

    /** The cache file of the current agent jar and JVM; null when off, unsupported or the jar is missing. */
    public synchronized Path file() {
        if (kind == JvmKind.NONE) {
            return null;
        }
        try {
            String stamp = Files.size(settings.agentJar()) + "/" + Files.getLastModifiedTime(settings.agentJar()).toMillis();
            if (!stamp.equals(jarStamp)) {
                key = key();
                jarStamp = stamp;
            }
            return settings.dir().resolve("agent-" + key + "." + kind.suffix());
        } catch (IOException e) {
            return null;
        }
    }

    /** SHA-256 of the agent jar's content, the JVM (its path and modules image) and the agent's flags; 16 hex digits. */
    private String key() throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(settings.agentJar()), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            Path home = settings.javaHome().toRealPath();
            Path modules = home.resolve("lib").resolve("modules");
            String jvm = home + "\0" + (Files.exists(modules) ? Files.size(modules) + "/" + Files.getLastModifiedTime(modules).toMillis() : "")
                    + "\0" + kind + "\0" + String.join(" ", AgentFlags.FLAGS);
            sha.update(jvm.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Training.Job job() {
        return new Training.Job(settings.javaHome(), settings.agentJar(), kind, settings.heapMb());
    }

    /** Removes caches of other keys (older jars or JVMs); a sandbox that still maps one keeps its copy. */
    private void removeStale(Path current) throws IOException {
        try (Stream<Path> files = Files.list(settings.dir())) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (!p.equals(current) && name.startsWith("agent-") && (name.endsWith(".aot") || name.endsWith(".jsa"))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
