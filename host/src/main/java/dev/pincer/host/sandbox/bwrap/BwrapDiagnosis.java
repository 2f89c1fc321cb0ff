package dev.pincer.host.sandbox.bwrap;

import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SelfTest;
import dev.pincer.host.sandbox.SelfTestSandbox;

/** Maps bwrap's (and the launcher's) error output to what the user should do. */
final class BwrapDiagnosis {
    private BwrapDiagnosis() {}

    static final String USERNS_APPARMOR = "allow unprivileged user namespaces: on Ubuntu >= 23.10 run "
            + "'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0' (or add an AppArmor profile for bwrap); "
            + "on older kernels run 'sudo sysctl -w kernel.unprivileged_userns_clone=1'; or use PINCER_SANDBOX=docker|podman";
    static final String USERNS_CLONE = "enable user namespaces: 'sudo sysctl -w kernel.unprivileged_userns_clone=1' "
            + "(and 'sudo sysctl -w user.max_user_namespaces=15000' if it is 0); inside a container, bwrap needs a "
            + "container that allows namespaces, or use PINCER_SANDBOX=docker|podman on the host";

    static SelfTest diagnose(String output, SandboxExit exit, BwrapRuntime runtime) {
        String detail = "the self-test sandbox failed (" + exit + "): " + SelfTestSandbox.excerpt(output);
        if (output.contains("setting up uid map") && output.contains("Permission denied")) {
            return SelfTest.failed(detail, USERNS_APPARMOR);
        }
        if (output.contains("No permissions to create new namespace")
                || output.contains("Creating new namespace failed")) {
            return SelfTest.failed(detail, USERNS_CLONE);
        }
        if (output.contains("setpriv") && output.contains("Permission denied")) {
            return SelfTest.failed(detail, "the agent uid " + runtime.agentUid() + " cannot execute "
                    + runtime.binary() + "; install bwrap in a world-readable place such as /usr/bin");
        }
        if (output.contains("unshare failed") || output.contains("mount: ") && output.contains("permission denied")) {
            return SelfTest.failed(detail, "the host process needs CAP_SYS_ADMIN as root to stage bind mounts; "
                    + "run Pincer as a normal user instead, or outside a restricted container");
        }
        if (output.contains("Can't find source path")) {
            return SelfTest.failed(detail, "a bind source is not reachable by the agent uid " + runtime.agentUid());
        }
        return SelfTest.failed(detail, "check that " + runtime.binary() + " is bubblewrap >= 0.8 and see the output above");
    }
}
