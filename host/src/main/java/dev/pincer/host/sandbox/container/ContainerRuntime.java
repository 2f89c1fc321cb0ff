package dev.pincer.host.sandbox.container;

import dev.pincer.host.sandbox.AgentUser;
import dev.pincer.host.sandbox.BindSources;
import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.Isolation;
import dev.pincer.host.sandbox.Launcher;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.Mount;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.SelfTest;
import dev.pincer.host.sandbox.container.ContainerCommand.Flavor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes as containers through the Docker or Podman CLI (and, argument building only, Apple's
 * {@code container}): {@code --network none}, a non-root {@code --user}, {@code --cap-drop ALL},
 * {@code no-new-privileges}, a read-only root with a size-limited {@code /tmp}, memory/pids/CPU
 * limits and the plan's binds (see {@link ContainerCommand}). The wall-clock timeout and
 * {@link SandboxProcess#kill()} kill the CLI, and the container is then removed by name
 * ({@link ContainerRemoval}), since killing {@code docker run} alone leaves it running.
 */
public final class ContainerRuntime implements SandboxRuntime {
    private static final Logger log = LoggerFactory.getLogger(ContainerRuntime.class);

    public static final String DEFAULT_IMAGE = "pincer-agent:local";
    /** Host-side settings the CLI itself may need to find its daemon; never passed into the container. */
    static final List<String> CLI_ENV = List.of("HOME", "DOCKER_HOST", "DOCKER_CONFIG", "DOCKER_CONTEXT",
            "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "CONTAINER_HOST", "XDG_RUNTIME_DIR");

    private final ContainerCommand.Options options;
    private final boolean asRoot;
    private final Map<String, String> launcherEnv;
    private volatile Limits selfTestLimits = Limits.DEFAULT;
    private Path emptyDir;

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

    /** Podman (rootful); {@code workarounds}: {@code --runtime runc} and explicit {@code --ulimit}. */
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
        int gid = root ? agentGid : HostSystem.effectiveGid();
        Path bin = binary != null && !binary.isBlank() ? Path.of(binary.strip())
                : HostSystem.findExecutable(flavor.binaryName()).orElse(Path.of(flavor.binaryName()));
        var options = new ContainerCommand.Options(flavor, bin, host, image == null ? DEFAULT_IMAGE : image,
                new AgentUser(uid, gid), new ContainerCommand.Workarounds(bindHostUsr, workarounds));
        return new ContainerRuntime(options, root, launcherEnv(System.getenv()));
    }

    /** {@link Launcher#ENV} plus the host's {@link #CLI_ENV} settings that are set. */
    static Map<String, String> launcherEnv(Map<String, String> hostEnv) {
        Map<String, String> env = new LinkedHashMap<>(Launcher.ENV);
        for (String key : CLI_ENV) {
            String v = hostEnv.get(key);
            if (v != null && !v.isBlank()) {
                env.put(key, v);
            }
        }
        return env;
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
            throw new IOException(ContainerSelfTest.APPLE_REFUSAL);
        }
        if (!Files.isRegularFile(options.binary()) || !Files.isExecutable(options.binary())) {
            throw new NoSuchFileException(options.binary().toString(), null, name() + " CLI not found");
        }
        List<Mount> mounts = BindSources.prepare(spec.plan(), asRoot, options.user().uid(), options.user().gid());
        String containerName = ContainerCommand.containerName(spec.groupFolder());
        List<Path> hostUsr = new ArrayList<>(List.of(Path.of("/usr")));
        hostUsr.addAll(HostSystem.etcForUsr());
        List<String> command = ContainerCommand.run(options, spec, mounts, containerName, emptyDir(), hostUsr);
        Path logFile = Launcher.openRunLog(spec, mounts, " (" + name() + " container " + containerName + ")");
        log.debug("container command for {}: {}", spec.groupFolder(), command);
        Process cli = Launcher.start(command, launcherEnv, logFile);
        log.info("started {} container {} for group {} (cli pid {}, uid {}, limit {})", name(), containerName,
                spec.groupFolder(), cli.pid(), options.user().uid(), spec.timeout());
        var removal = new ContainerRemoval(containerName, ContainerCommand.remove(options, containerName),
                ContainerCommand.initPid(options, containerName), launcherEnv);
        return new SandboxProcess(spec, cli, logFile, removal, isolation(spec.limits()));
    }

    /** What a container gets: the engine's seccomp profile and its cgroup limits, as the uid it runs as. */
    Isolation isolation(Limits limits) {
        return new Isolation(name(), Isolation.Seccomp.ENGINE_DEFAULT,
                new Isolation.Enforcement(name() + " --memory/--pids-limit/--cpus", true, limits), options.user().uid(), options.user().gid());
    }

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

    @Override
    public SelfTest selfTest() {
        return new ContainerSelfTest(this, selfTestLimits).run();
    }

    /** Maps the CLI's complaint to what the user should do. */
    SelfTest diagnose(String output, SandboxExit exit) {
        return new ContainerSelfTest(this, selfTestLimits).diagnose(output, exit);
    }
}
