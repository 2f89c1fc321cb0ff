package dev.pincer.host.app;

import dev.pincer.host.config.Config;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.Sandboxes;
import dev.pincer.host.sandbox.bwrap.BwrapRuntime;
import dev.pincer.host.sandbox.container.ContainerRuntime;
import java.util.List;

/** Every implemented sandbox runtime, configured from the settings; {@code Sandboxes} picks one. */
public final class Runtimes {
    private Runtimes() {}

    /**
     * The runtime {@code PINCER_SANDBOX} asks for, once its self-test passed ({@link Sandboxes#select}).
     *
     * @throws Sandboxes.NoSandboxException naming what each runtime lacks
     */
    public static SandboxRuntime select(Config config) {
        return Sandboxes.select(config.sandbox().runtime(), all(config));
    }

    public static List<SandboxRuntime> all(Config config) {
        Config.Sandbox sandbox = config.sandbox();
        int uid = sandbox.user().uid();
        int gid = sandbox.user().gid();
        Config.Container container = sandbox.container();
        BwrapRuntime bwrap = new BwrapRuntime(BwrapRuntime.resolveBinary(sandbox.bwrap().binary()), uid, gid,
                BwrapRuntime.DEFAULT_STAGE_DIR);
        bwrap.useSeccomp(sandbox.bwrap().seccomp());
        bwrap.useIsolationPolicy(sandbox.bwrap().isolation());
        bwrap.useOwner(config.layout().home());
        bwrap.useSelfTestLimits(sandbox.limits());
        ContainerRuntime docker = ContainerRuntime.docker(null, container.dockerHost(), container.image(), uid, gid,
                container.hostUsr());
        docker.useSelfTestLimits(sandbox.limits());
        ContainerRuntime podman = ContainerRuntime.podman(null, container.image(), uid, gid, container.hostUsr(),
                container.podmanWorkarounds());
        podman.useSelfTestLimits(sandbox.limits());
        ContainerRuntime apple = ContainerRuntime.appleContainer(null, container.image(), uid, gid);
        return List.of(bwrap, docker, podman, apple);
    }
}
