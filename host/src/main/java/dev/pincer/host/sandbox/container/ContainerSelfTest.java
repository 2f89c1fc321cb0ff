package dev.pincer.host.sandbox.container;

import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SelfTest;
import dev.pincer.host.sandbox.SelfTestSandbox;
import dev.pincer.host.sandbox.container.ContainerCommand.Flavor;
import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A container runtime's self-test: the {@link SelfTestSandbox} check with one tiny container through
 * the real start path, and what to do when the CLI, its daemon or the image is not there.
 */
final class ContainerSelfTest implements SelfTestSandbox.Checks {
    static final Duration LIMIT = Duration.ofSeconds(60);

    static final String APPLE_REFUSAL = "apple-container is not implemented: a host Unix socket cannot be"
            + " bind-mounted into its VM (virtiofs), so the agent could not reach the egress proxy at "
            + SandboxPaths.PROXY_SOCKET + "; the relay would have to be reversed (the host dialling into the VM)";

    private final ContainerRuntime runtime;
    private final Limits limits;

    ContainerSelfTest(ContainerRuntime runtime, Limits limits) {
        this.runtime = runtime;
        this.limits = limits;
    }

    SelfTest run() {
        if (runtime.options().flavor() == Flavor.APPLE) {
            return SelfTest.failed(APPLE_REFUSAL, "on macOS there is no supported runtime yet; run Pincer on Linux"
                    + " (PINCER_SANDBOX=bwrap, docker or podman); see docs/SECURITY.md");
        }
        Path bin = runtime.options().binary();
        if (!Files.isRegularFile(bin) || !Files.isExecutable(bin)) {
            return SelfTest.failed(runtime.name() + " CLI not found at " + bin, installHint());
        }
        return SelfTestSandbox.run(runtime, this, LIMIT, limits);
    }

    @Override
    public String noun() {
        return "container";
    }

    /** What the self-test prints when the container's /tmp is not writable for the agent uid. */
    static final String TMP_NOT_WRITABLE = "pincer-selftest: /tmp is not writable";

    /** The agent writes /tmp (its Bash tool, the JVM): a tmpfs there takes the mode of the image's /tmp. */
    @Override
    public String script() {
        return ": > /tmp/.pincer-selftest || { echo '" + TMP_NOT_WRITABLE + "'; exit 3; }";
    }

    @Override
    public String timeoutFix() {
        return "check that the " + runtime.name() + " daemon is healthy (" + runtime.name() + " info)";
    }

    @Override
    public String silentFix() {
        return "check that " + SandboxPaths.GROUP + " is writable for uid " + runtime.options().user().uid();
    }

    @Override
    public SelfTest cannotStart(IOException e) {
        return SelfTest.failed("cannot start a container: " + e,
                "check that " + runtime.options().binary() + " is the " + runtime.name() + " CLI");
    }

    @Override
    public SelfTest judge(SelfTestSandbox.Seen seen) {
        ContainerCommand.Options o = runtime.options();
        return SelfTest.passed(runtime.name() + " at " + o.binary() + " works: image " + o.image()
                + ", container uid " + seen.uid() + (o.workarounds().bindHostUsr() ? ", host /usr bound read-only" : "")
                + "; limits: " + seen.spec().limits().describe());
    }

    /** Maps the CLI's complaint to what the user should do. */
    @Override
    public SelfTest diagnose(String output, SandboxExit exit) {
        String detail = "the self-test container failed (" + exit + "): " + SelfTestSandbox.excerpt(output);
        String o = output.toLowerCase(Locale.ROOT);
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
        if (output.contains(TMP_NOT_WRITABLE)) {
            return SelfTest.failed(detail, "give the image a world-writable /tmp (mode 1777; the container's /tmp tmpfs takes"
                    + " the image's mode): rebuild it with container/Dockerfile, or add RUN chmod 1777 /tmp to yours");
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
}
