package dev.pincer.cli;

import dev.pincer.host.config.Config;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.bwrap.BwrapRuntime;
import dev.pincer.host.sandbox.container.ContainerRuntime;
import java.nio.file.Path;
import java.util.List;

/** Shared start-up facts for commands: where home is and which sandbox runtimes exist. */
final class Launch {
    private Launch() {}

    /** PINCER_HOME when set (the launcher sets it), else the working directory. */
    static Path defaultHome(java.util.Map<String, String> env) {
        return Path.of(env.getOrDefault("PINCER_HOME", ".")).toAbsolutePath().normalize();
    }

    /** Every implemented runtime, configured from {@code config}. */
    static List<SandboxRuntime> runtimes(Config config) {
        BwrapRuntime bwrap = new BwrapRuntime(BwrapRuntime.resolveBinary(config.bwrap()), config.agentUid(),
                config.agentGid(), BwrapRuntime.DEFAULT_STAGE_DIR);
        bwrap.useSeccomp(config.seccomp());
        bwrap.useSelfTestLimits(config.sandboxLimits());
        ContainerRuntime docker = ContainerRuntime.docker(null, config.dockerHost(), config.containerImage(),
                config.agentUid(), config.agentGid(), config.containerHostUsr());
        docker.useSelfTestLimits(config.sandboxLimits());
        ContainerRuntime podman = ContainerRuntime.podman(null, config.containerImage(), config.agentUid(),
                config.agentGid(), config.containerHostUsr(), config.podmanWorkarounds());
        podman.useSelfTestLimits(config.sandboxLimits());
        ContainerRuntime apple = ContainerRuntime.appleContainer(null, config.containerImage(), config.agentUid(),
                config.agentGid());
        return List.of(bwrap, docker, podman, apple);
    }
}
