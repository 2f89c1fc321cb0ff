package dev.pincer.host.sandbox;

import dev.pincer.host.sandbox.ContainerCommand.Flavor;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A container runtime's self-test: one tiny container through the real start path, and what to do when it fails. */
final class ContainerSelfTest {

    private static final Logger log = LoggerFactory.getLogger(ContainerSelfTest.class);
    static final Duration SELF_TEST_LIMIT = ContainerRuntime.SELF_TEST_LIMIT;

    private final ContainerRuntime runtime;
    private final Limits limits;

    ContainerSelfTest(ContainerRuntime runtime, Limits limits) {
        this.runtime = runtime;
        this.limits = limits;
    }

    static final String APPLE_REFUSAL = "apple-container is not implemented: a host Unix socket cannot be"
            + " bind-mounted into its VM (virtiofs), so the agent could not reach the egress proxy at "
            + SandboxPaths.PROXY_SOCKET + "; the relay would have to be reversed (the host dialling into the VM)";

    SelfTest run() {
        if (runtime.options().flavor() == Flavor.APPLE) {
            return SelfTest.failed(APPLE_REFUSAL, "on macOS there is no supported runtime yet; run Pincer on Linux"
                    + " (PINCER_SANDBOX=bwrap, docker or podman); see docs/SECURITY.md");
        }
        Path bin = runtime.options().binary();
        if (!Files.isRegularFile(bin) || !Files.isExecutable(bin)) {
            return SelfTest.failed(runtime.name() + " CLI not found at " + bin, installHint());
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("pincer-selftest-");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
            return probe(tmp);
        } catch (IOException e) {
            return SelfTest.failed("cannot start a container: " + e, "check that " + bin + " is the " + runtime.name() + " CLI");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SelfTest.failed("self-test interrupted", "run it again");
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private SelfTest probe(Path tmp) throws IOException, InterruptedException {
        Path group = Files.createDirectory(tmp.resolve("group"));
        Path logFile = tmp.resolve("selftest.log");
        MountPlan plan = new MountPlan("selftest", false, "/usr", List.of(Mount.readWrite(group, SandboxPaths.GROUP)), List.of());
        SandboxSpec spec = new SandboxSpec(plan, List.of("/bin/sh", "-c", "id -u > uid"),
                Map.of("PATH", "/usr/bin:/bin"), SandboxPaths.GROUP, SELF_TEST_LIMIT, logFile, limits);
        SandboxExit exit = runtime.start(spec).waitFor();
        String output = Files.readString(logFile, StandardCharsets.UTF_8);
        if (exit instanceof SandboxExit.TimedOut) {
            return SelfTest.failed("the self-test container did not finish within " + SELF_TEST_LIMIT.toSeconds() + " s",
                    "check that the " + runtime.name() + " daemon is healthy (" + runtime.name() + " info)");
        }
        if (!exit.succeeded()) {
            return diagnose(output, exit);
        }
        Path uidFile = group.resolve("uid");
        if (!Files.isRegularFile(uidFile, LinkOption.NOFOLLOW_LINKS)) {
            return SelfTest.failed("the self-test container exited 0 but wrote nothing; output: " + BwrapDiagnosis.excerpt(output),
                    "check that " + SandboxPaths.GROUP + " is writable for uid " + runtime.options().uid());
        }
        String insideUid = Files.readString(uidFile).strip();
        if (insideUid.equals("0")) {
            return SelfTest.failed("the container ran as uid 0; Pincer refuses to run agents as root",
                    "configure an unprivileged agent uid (PINCER_AGENT_UID)");
        }
        return SelfTest.passed(runtime.name() + " at " + runtime.options().binary() + " works: image " + runtime.options().image() + ", container uid " + insideUid
                + (runtime.options().bindHostUsr() ? ", host /usr bound read-only" : "")
                + "; limits: " + spec.limits().describe());
    }

    /** Maps the CLI's complaint to what the user should do. */
    SelfTest diagnose(String output, SandboxExit exit) {
        String detail = "the self-test container failed (" + exit + "): " + BwrapDiagnosis.excerpt(output);
        String o = output.toLowerCase(java.util.Locale.ROOT);
        if (o.contains("cannot connect to the docker daemon") || o.contains("is the docker daemon running")
                || o.contains("unable to connect to podman") || o.contains("connect: no such file or directory")
                || o.contains("connection refused")) {
            return SelfTest.failed(detail, runtime.options().flavor() == Flavor.DOCKER
                    ? "start the Docker daemon (systemctl start docker, or run dockerd), or point PINCER_DOCKER_HOST"
                      + " (or DOCKER_HOST) at its socket, e.g. unix:///var/run/docker.sock"
                    : "start the Podman service (systemctl start podman.socket) or run rootful podman as root");
        }
        if (o.contains("permission denied") && o.contains(".sock")) {
            return SelfTest.failed(detail, "let this user reach the daemon socket (e.g. the docker group) or run Pincer as root");
        }
        if (o.contains("no such image") || o.contains("unable to find image") || o.contains("image not known")
                || o.contains("pull access denied") || o.contains("failed to resolve reference")) {
            return SelfTest.failed(detail, "build the agent image: ./mvnw -B package -DskipTests && " + runtime.name()
                    + " build -t " + runtime.options().image() + " -f container/Dockerfile . (or set PINCER_CONTAINER_IMAGE)");
        }
        if (o.contains("setrlimit") || o.contains("cgroups in hybrid mode")) {
            return SelfTest.failed(detail, "install runc (apt-get install -y runc) and keep PINCER_PODMAN_WORKAROUNDS=on"
                    + " (--runtime runc and explicit --ulimit values)");
        }
        return SelfTest.failed(detail, "run the command from the log by hand with " + runtime.name() + " to see what is wrong");
    }

    private String installHint() {
        return switch (runtime.options().flavor()) {
            case DOCKER -> "install Docker (apt-get install -y docker.io) or use another PINCER_SANDBOX";
            case PODMAN -> "install Podman (apt-get install -y podman runc) or use another PINCER_SANDBOX";
            case APPLE -> "install Apple's container CLI (macOS 26, Apple silicon)";
        };
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("could not remove the self-test directory {}: {}", root, e.toString());
        }
    }
}
