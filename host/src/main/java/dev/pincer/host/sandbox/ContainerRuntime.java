package dev.pincer.host.sandbox;

import dev.pincer.host.sandbox.ContainerCommand.Flavor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes as containers through the Docker or Podman CLI (and, argument building only, Apple's
 * {@code container}): {@code --network none}, a non-root {@code --user}, {@code --cap-drop ALL},
 * {@code no-new-privileges}, a read-only root with a size-limited {@code /tmp}, memory/pids/CPU
 * limits and the plan's binds (see {@link ContainerCommand}). The wall-clock timeout and
 * {@link SandboxProcess#kill()} kill the CLI and then remove the container by name, since killing
 * {@code docker run} alone leaves the container running.
 */
public final class ContainerRuntime implements SandboxRuntime {
    private static final Logger log = LoggerFactory.getLogger(ContainerRuntime.class);

    public static final String DEFAULT_IMAGE = "pincer-agent:local";
    static final Duration SELF_TEST_LIMIT = Duration.ofSeconds(60);
    static final Duration REMOVE_LIMIT = Duration.ofSeconds(30);
    /** Host-side settings the CLI itself may need to find its daemon; never passed into the container. */
    static final List<String> CLI_ENV = List.of("HOME", "DOCKER_HOST", "DOCKER_CONFIG", "DOCKER_CONTEXT",
            "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "CONTAINER_HOST", "XDG_RUNTIME_DIR");

    /** Runs the blocking {@code rm -f} after a CLI exits (platform threads: Process.waitFor would pin a virtual one). */
    private static final java.util.concurrent.Executor REMOVER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pincer-container-remover");
        t.setDaemon(true);
        return t;
    });

    private final ContainerCommand.Options options;
    private final boolean asRoot;
    private final Map<String, String> launcherEnv;
    private volatile Limits selfTestLimits = Limits.DEFAULT;

    ContainerRuntime(ContainerCommand.Options options, boolean asRoot, Map<String, String> launcherEnv) {
        this.options = Objects.requireNonNull(options, "options");
        this.asRoot = asRoot;
        this.launcherEnv = Map.copyOf(launcherEnv);
    }

    /**
     * Docker.
     *
     * @param binary the CLI (null or blank: {@code docker} on PATH)
     * @param host {@code PINCER_DOCKER_HOST} (null: the CLI's default, or DOCKER_HOST)
     * @param image the agent image, never pulled
     * @param agentUid uid inside when the host runs as root (otherwise the host's own uid)
     * @param bindHostUsr bind the host's /usr read-only (for a skeleton image)
     */
    public static ContainerRuntime docker(String binary, String host, String image, int agentUid, int agentGid,
                                          boolean bindHostUsr) {
        return create(Flavor.DOCKER, binary, host, image, agentUid, agentGid, bindHostUsr, false);
    }

    /** Podman (rootful); {@code workarounds}: {@code --runtime runc} and explicit {@code --ulimit} (sandbox-findings section 4). */
    public static ContainerRuntime podman(String binary, String image, int agentUid, int agentGid,
                                          boolean bindHostUsr, boolean workarounds) {
        return create(Flavor.PODMAN, binary, null, image, agentUid, agentGid, bindHostUsr, workarounds);
    }

    /** Apple {@code container} (macOS): arguments only; its self-test explains why it is refused. */
    public static ContainerRuntime appleContainer(String binary, String image, int agentUid, int agentGid) {
        return create(Flavor.APPLE, binary, null, image, agentUid, agentGid, false, false);
    }

    private static ContainerRuntime create(Flavor flavor, String binary, String host, String image, int agentUid,
                                           int agentGid, boolean bindHostUsr, boolean workarounds) {
        boolean root = HostSystem.effectiveUid() == 0;
        int uid = root ? agentUid : HostSystem.effectiveUid();
        int gid = root ? agentGid : currentGid();
        Path bin = binary != null && !binary.isBlank() ? Path.of(binary.strip())
                : HostSystem.findExecutable(flavor.binaryName()).orElse(Path.of(flavor.binaryName()));
        var options = new ContainerCommand.Options(flavor, bin, host, image == null ? DEFAULT_IMAGE : image,
                uid, gid, bindHostUsr, workarounds);
        return new ContainerRuntime(options, root, launcherEnv(System.getenv()));
    }

    static Map<String, String> launcherEnv(Map<String, String> hostEnv) {
        Map<String, String> env = new LinkedHashMap<>(BwrapRuntime.LAUNCHER_ENV);
        for (String key : CLI_ENV) {
            String v = hostEnv.get(key);
            if (v != null && !v.isBlank()) {
                env.put(key, v);
            }
        }
        return env;
    }

    private static int currentGid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        } catch (IOException | RuntimeException e) {
            return HostSystem.effectiveUid();
        }
    }

    @Override
    public String name() {
        return options.flavor().runtimeName();
    }

    ContainerCommand.Options options() {
        return options;
    }

    public Path binary() {
        return options.binary();
    }

    public String image() {
        return options.image();
    }

    /** The limits the self-test applies (the configured defaults). */
    public void useSelfTestLimits(Limits limits) {
        this.selfTestLimits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public SandboxProcess start(SandboxSpec spec) throws IOException {
        if (options.flavor() == Flavor.APPLE) {
            throw new IOException(APPLE_REFUSAL);
        }
        if (!Files.isRegularFile(options.binary()) || !Files.isExecutable(options.binary())) {
            throw new NoSuchFileException(options.binary().toString(), null, name() + " CLI not found");
        }
        List<Mount> mounts = BindSources.resolve(spec.plan().mounts());
        BindSources.prepareWritable(mounts, asRoot, options.uid(), options.gid());
        String containerName = ContainerCommand.containerName(spec.groupFolder());
        List<String> command = ContainerCommand.run(options, spec, mounts, containerName, emptyDir());
        Path logFile = BindSources.safeLogFile(spec.logFile(), mounts);
        Files.writeString(logFile, "=== sandbox " + spec.groupFolder() + " (" + name() + " container " + containerName
                        + ") started " + Instant.now() + " ===\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().clear();
        pb.environment().putAll(launcherEnv);
        log.debug("container command for {}: {}", spec.groupFolder(), command);
        Process cli = pb.start();
        log.info("started {} container {} for group {} (cli pid {}, uid {}, limit {})", name(), containerName,
                spec.groupFolder(), cli.pid(), options.uid(), spec.timeout());
        return new SandboxProcess(spec.groupFolder(), new ContainerProcess(cli, containerName), spec.timeout(), logFile);
    }

    private Path emptyDir;

    /** An empty directory (root-owned when Pincer runs as root, mode 0555) bound read-only over masked directories. */
    synchronized Path emptyDir() throws IOException {
        if (emptyDir == null || !Files.isDirectory(emptyDir, LinkOption.NOFOLLOW_LINKS)) {
            Path dir = Files.createTempDirectory("pincer-mask-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            dir.toFile().deleteOnExit();
            emptyDir = dir.toRealPath();
        }
        return emptyDir;
    }

    /** Removes the container by name (idempotent); waits at most {@link #REMOVE_LIMIT}. */
    void removeContainer(String containerName) {
        ProcessBuilder pb = new ProcessBuilder(ContainerCommand.remove(options, containerName))
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(launcherEnv);
        try {
            Process p = pb.start();
            if (!p.waitFor(REMOVE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                log.warn("removing container {} took longer than {}", containerName, REMOVE_LIMIT);
            }
        } catch (IOException e) {
            log.warn("could not remove container {}: {}", containerName, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The CLI process of one container. Its exit completes only after the container was removed
     * by name, so a killed or timed-out CLI never leaves the container running behind it.
     */
    private final class ContainerProcess extends Process {
        private final Process cli;
        private final CompletableFuture<Process> exit;

        ContainerProcess(Process cli, String containerName) {
            this.cli = cli;
            this.exit = cli.onExit().thenApplyAsync(p -> {
                removeContainer(containerName);
                return this;
            }, REMOVER);
        }

        @Override
        public OutputStream getOutputStream() {
            return cli.getOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return cli.getInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return cli.getErrorStream();
        }

        @Override
        public int waitFor() throws InterruptedException {
            try {
                exit.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            return cli.exitValue();
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                exit.get(timeout, unit);
                return true;
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public int exitValue() {
            return cli.exitValue();
        }

        @Override
        public void destroy() {
            cli.destroy();
        }

        @Override
        public Process destroyForcibly() {
            cli.destroyForcibly();
            return this;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public long pid() {
            return cli.pid();
        }

        @Override
        public ProcessHandle toHandle() {
            return cli.toHandle();
        }

        @Override
        public CompletableFuture<Process> onExit() {
            return exit;
        }
    }

    static final String APPLE_REFUSAL = ContainerSelfTest.APPLE_REFUSAL;

    @Override
    public SelfTest selfTest() {
        return new ContainerSelfTest(this, selfTestLimits).run();
    }

    /** Maps the CLI's complaint to what the user should do. */
    SelfTest diagnose(String output, SandboxExit exit) {
        return new ContainerSelfTest(this, selfTestLimits).diagnose(output, exit);
    }
}
