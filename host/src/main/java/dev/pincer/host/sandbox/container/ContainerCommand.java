package dev.pincer.host.sandbox.container;

import dev.pincer.host.sandbox.AgentUser;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.Mask;
import dev.pincer.host.sandbox.Mount;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.protocol.SandboxPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the {@code run} command line of a container CLI (Docker, Podman, Apple {@code container})
 * from a {@link SandboxSpec}: the same contract as bwrap (docs/SECURITY.md, promise 11) expressed as container
 * flags. Pure argument building, no I/O.
 */
final class ContainerCommand {
    private ContainerCommand() {}

    /** The supported container CLIs. */
    enum Flavor {
        DOCKER, PODMAN,
        /** Apple's {@code container} CLI on macOS (one lightweight VM per container). */
        APPLE;

        /** The name used in {@code PINCER_SANDBOX}. */
        String runtimeName() {
            return this == APPLE ? "apple-container" : binaryName();
        }

        /** The CLI's usual executable name. */
        String binaryName() {
            return this == APPLE ? "container" : name().toLowerCase(Locale.ROOT);
        }
    }

    /** Size of the writable {@code /tmp} tmpfs. */
    static final String TMP_SIZE = "256m";
    /** The Podman workarounds for hybrid-cgroup hosts. */
    static final List<String> PODMAN_WORKAROUNDS = List.of("--runtime", "runc",
            "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=4096:4096");

    /**
     * What Pincer adds for images and hosts that need it.
     *
     * @param bindHostUsr bind the host's {@code /usr} read-only (for a skeleton image without a JRE)
     * @param podman      add {@link #PODMAN_WORKAROUNDS} (podman only)
     * @param hostInit    the host's tini, run as the container's init when {@code /usr} is bound (Docker's
     *                    {@code --init} cannot mount over it); null for the engine's own ({@code --init}, Docker)
     */
    record Workarounds(boolean bindHostUsr, boolean podman, Path hostInit) {
        /** Docker's {@code --init} cannot mount over a bound {@code /usr}; the host's own tini is there. */
        static final List<Path> HOST_INITS = List.of(Path.of("/usr/bin/docker-init"), Path.of("/usr/bin/tini"),
                Path.of("/usr/bin/tini-static"));

        Workarounds(boolean bindHostUsr, boolean podman) {
            this(bindHostUsr, podman, bindHostUsr
                    ? HOST_INITS.stream().filter(java.nio.file.Files::isExecutable).findFirst().orElse(null) : null);
        }
    }

    /**
     * How to run containers.
     *
     * @param flavor which CLI
     * @param binary the CLI executable
     * @param host daemon address for Docker ({@code -H}); null to use the CLI's default / DOCKER_HOST
     * @param image the image to run (never pulled: {@code --pull never})
     * @param user the uid and gid inside
     */
    record Options(Flavor flavor, Path binary, String host, String image, AgentUser user, Workarounds workarounds) {
        Options {
            Objects.requireNonNull(flavor, "flavor");
            Objects.requireNonNull(binary, "binary");
            if (image == null || image.isBlank() || image.startsWith("-")) {
                throw new IllegalArgumentException("invalid container image: " + image);
            }
            if (user.uid() <= 0 || user.gid() <= 0) {
                throw new IllegalArgumentException("containers run as an unprivileged uid and gid (> 0), got "
                        + user.uid() + ":" + user.gid());
            }
            if (host != null && (host.isBlank() || host.startsWith("-"))) {
                throw new IllegalArgumentException("invalid container daemon address: " + host);
            }
        }
    }

    /** The CLI and its global options (before the subcommand). */
    static List<String> cli(Options o) {
        List<String> cmd = new ArrayList<>();
        cmd.add(o.binary().toString());
        if (o.host() != null && o.flavor() == Flavor.DOCKER) {
            cmd.add("-H");
            cmd.add(o.host());
        }
        return cmd;
    }

    /**
     * The full {@code run} command.
     *
     * @param mounts the plan's mounts with real (symlink-free) sources
     * @param name the container name, e.g. {@code pincer-main-1a2b3c}
     * @param emptyDir an empty, read-only host directory bound over masked directories
     * @param hostUsr host paths bound read-only when {@link Options#bindHostUsr()}: {@code /usr} and the
     *                {@code /etc} entries its programs need ({@code HostSystem.etcForUsr()})
     */
    static List<String> run(Options o, SandboxSpec spec, List<Mount> mounts, String name, Path emptyDir, List<Path> hostUsr) {
        List<String> cmd = cli(o);
        cmd.add("run");
        cmd.add("--rm");
        add(cmd, "--name", name);
        if (o.flavor() != Flavor.APPLE) {
            add(cmd, "--pull", "never");
        }
        // a small init as pid 1 and the agent as pid 2, as in bwrap: what a turn leaves running is
        // re-parented to the init, apart from the agent's own subtree, and reaped between turns (Strays)
        if (o.workarounds().hostInit() != null) {
            add(cmd, "--entrypoint", o.workarounds().hostInit().toString());
        } else if (o.flavor() == Flavor.DOCKER) {
            cmd.add("--init");
        }
        add(cmd, "--network", "none");
        add(cmd, "--user", o.user().uid() + ":" + o.user().gid());
        add(cmd, "--cap-drop", "ALL");
        if (o.flavor() != Flavor.APPLE) {
            add(cmd, "--security-opt", "no-new-privileges");
        }
        cmd.add("--read-only");
        // the tmpfs takes the mode of the image's /tmp (Docker ignores mode=): the image needs a 1777
        // /tmp, which the self-test checks
        add(cmd, "--tmpfs", "/tmp:size=" + TMP_SIZE);
        if (o.flavor() != Flavor.APPLE) {
            // Apple's VM gets its own hostname; Docker/Podman with --network none write no hosts entry for it
            add(cmd, "--hostname", "sandbox");
            add(cmd, "--add-host", "sandbox:127.0.0.1");
        }
        Limits limits = spec.limits();
        add(cmd, "--memory", limits.memoryMb() + "m");
        if (o.flavor() != Flavor.APPLE) {
            add(cmd, "--memory-swap", limits.memoryMb() + "m");
            add(cmd, "--pids-limit", Integer.toString(limits.pids()));
        }
        add(cmd, "--cpus", cpus(limits.cpus(), o.flavor()));
        if (o.flavor() == Flavor.PODMAN) {
            cmd.add("--unsetenv-all"); // else podman adds container=podman and TERM=xterm
        }
        if (o.flavor() == Flavor.PODMAN && o.workarounds().podman()) {
            cmd.addAll(PODMAN_WORKAROUNDS);
        }
        add(cmd, "-w", spec.command().cwd());
        for (Map.Entry<String, String> e : spec.command().env().entrySet()) {
            add(cmd, "-e", e.getKey() + "=" + e.getValue());
        }
        if (o.workarounds().bindHostUsr()) {
            for (Path p : hostUsr) {
                add(cmd, "-v", volume(p.toString(), p.toString(), false));
            }
        }
        String jre = spec.plan().javaHome();
        if (!o.workarounds().bindHostUsr() && jre.startsWith("/usr/") && mounts.stream().noneMatch(m -> m.target().equals(jre))) {
            // the plan leaves a JRE under /usr to the /usr bind; without it, bind the agent's JRE itself
            add(cmd, "-v", volume(jre, jre, false));
        }
        for (Mount m : mounts) {
            if (o.flavor() == Flavor.APPLE && m.target().equals(SandboxPaths.RUN)) {
                continue; // a host Unix socket cannot cross into Apple's VM (virtiofs); see docs/SECURITY.md
            }
            add(cmd, "-v", volume(m.source().toString(), m.target(), m.writable()));
        }
        for (Mask mask : spec.plan().masks()) {
            if (mask.directory()) {
                // a bind, not a tmpfs: podman 4.3 mounts --tmpfs before the binds, so a tmpfs under
                // /workspace/project ended up hidden beneath the project bind (ContainerSandboxTest)
                add(cmd, "-v", volume(emptyDir.toString(), mask.target(), false));
            } else {
                add(cmd, "-v", volume("/dev/null", mask.target(), false));
            }
        }
        cmd.add(o.image());
        if (o.workarounds().hostInit() != null) {
            cmd.add("--");
        }
        cmd.addAll(spec.command().argv());
        return cmd;
    }

    /** The command that prints the host pid of the container's init, or null where the engine has none (Apple). */
    static List<String> initPid(Options o, String name) {
        if (o.flavor() == Flavor.APPLE) {
            return null;
        }
        List<String> cmd = cli(o);
        cmd.addAll(List.of("inspect", "--format", "{{.State.Pid}}", name));
        return cmd;
    }

    /** {@code kill} of a running container by name (the wall-clock timeout and close). */
    static List<String> remove(Options o, String name) {
        List<String> cmd = cli(o);
        if (o.flavor() == Flavor.APPLE) {
            cmd.addAll(List.of("delete", "--force", name));
        } else {
            cmd.addAll(List.of("rm", "-f", name));
        }
        return cmd;
    }

    /** A unique container name for one sandbox of {@code folder}. */
    static String containerName(String folder) {
        String safe = folder.replaceAll("[^A-Za-z0-9_.-]", "_");
        return "pincer-" + safe.substring(0, Math.min(safe.length(), 40)) + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    private static String cpus(double cpus, Flavor flavor) {
        if (flavor == Flavor.APPLE) {
            return Integer.toString((int) Math.max(1, Math.ceil(cpus))); // whole CPUs only
        }
        return String.format(Locale.ROOT, "%.2f", cpus);
    }

    private static String volume(String source, String target, boolean writable) {
        return checked(source) + ":" + checked(target) + (writable ? ":rw" : ":ro");
    }

    /** {@code -v} splits on colons and {@code --tmpfs} options on commas: refuse paths that would be misparsed. */
    private static String checked(String path) {
        if (path.indexOf(':') >= 0 || path.indexOf(',') >= 0) {
            throw new IllegalArgumentException("a container mount path must not contain ':' or ',': " + path);
        }
        return path;
    }

    private static void add(List<String> cmd, String flag, String value) {
        cmd.add(flag);
        cmd.add(value);
    }
}
