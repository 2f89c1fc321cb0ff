package dev.pincer.host.app;

import dev.pincer.host.config.Config;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.bwrap.BwrapRuntime;
import dev.pincer.host.sandbox.container.ContainerRuntime;
import java.util.List;

/** Every implemented sandbox runtime, configured from the settings; {@code Sandboxes} picks one. */
public final class Runtimes {
    private Runtimes() {}

    public static List<SandboxRuntime> all(Config config) {
        BwrapRuntime bwrap = new BwrapRuntime(BwrapRuntime.resolveBinary(config.bwrap()), config.agentUid(),
                config.agentGid(), BwrapRuntime.DEFAULT_STAGE_DIR);
        bwrap.useSeccomp(config.seccomp());
        bwrap.useIsolationPolicy(config.isolationPolicy());
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
