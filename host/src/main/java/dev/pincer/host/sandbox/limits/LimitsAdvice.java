package dev.pincer.host.sandbox.limits;

import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.IsolationPolicy;
import dev.pincer.host.sandbox.limits.LimitsProbe.CgroupMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why this host offers no per-sandbox memory and process limit, and the exact commands that give
 * one (what {@code ./pincer doctor} and a refused sandbox say): run as root, or delegate a cgroup
 * to the user, for cgroup v1 or v2 as this host has; or accept {@code prlimit} alone.
 *
 * @param why what was found
 * @param fix what to do, one way per line
 */
public record LimitsAdvice(String why, String fix) {

    /** The setting that lets sandboxes start without per-sandbox limits. */
    public static final String ALLOW = "PINCER_ALLOW_UNLIMITED=1";

    /** As the policy's shortfall. */
    public IsolationPolicy.Shortfall shortfall() {
        return new IsolationPolicy.Shortfall(why, fix);
    }

    /** Advice for this host, about the mechanism the probe chose. */
    public static LimitsAdvice forThisHost(LimitsMechanism chosen) {
        return of(chosen, LimitsProbe.mounts(Path.of("/proc/self/mounts")), LimitsProbe.lines(Path.of("/proc/self/cgroup")),
                HostSystem.effectiveUid() == 0, System.getProperty("user.name", "$USER"));
    }

    static LimitsAdvice of(LimitsMechanism chosen, List<CgroupMount> mounts, List<String> own, boolean root, String user) {
        List<String> ways = new ArrayList<>();
        boolean v1 = LimitsProbe.v1Mount(mounts, "memory").isPresent() && LimitsProbe.v1Mount(mounts, "pids").isPresent();
        Optional<CgroupMount> v2 = mounts.stream().filter(m -> m.type().equals("cgroup2")).findFirst();
        String why = "sandboxes here would have no memory or process limit of their own: Pincer's limits mechanism is "
                + chosen.name() + ", which caps single processes at best";
        if (v1) {
            why += "; cgroup v1 has memory and pids hierarchies, but " + (root
                    ? "Pincer cannot write its own cgroups there (a read-only /sys/fs/cgroup, e.g. inside a container)"
                    : "neither Pincer's own cgroups nor a '" + LimitsProbe.DELEGATED + "' cgroup in each hierarchy is writable for " + user);
            if (root) {
                ways.add("mount the cgroup v1 hierarchies read-write (a container needs access to /sys/fs/cgroup), or run Pincer on the host");
            } else {
                String dirs = String.join(" ", List.of("memory", "pids", "cpu").stream()
                        .map(c -> LimitsProbe.v1Mount(mounts, c).map(m -> m.where().resolve(LimitsProbe.DELEGATED).toString()).orElse(""))
                        .filter(s -> !s.isEmpty()).toList());
                ways.add("run Pincer as root (sandboxes then run as PINCER_AGENT_UID)");
                ways.add("or delegate a cgroup to " + user + ", as root (again after each reboot): for d in " + dirs
                        + "; do mkdir -p $d && chown -R " + user + " $d; done");
            }
        } else if (v2.isPresent()) {
            Path m = v2.get().where();
            String path = LimitsProbe.ownPath(own, "").orElse("/");
            why += "; cgroup v2 is mounted at " + m + ", but Pincer's cgroup " + path + " is not delegated to it (writable,"
                    + " offering the memory, pids and cpu controllers, and holding no other process)";
            ways.add("start Pincer in a cgroup of its own: systemd-run " + (root ? "" : "--user ") + "--scope -p Delegate=yes ./pincer start");
            ways.add("or without systemd, as root once: mkdir " + m + "/pincer && echo '+memory +pids +cpu' > " + m
                    + "/cgroup.subtree_control" + (root ? "" : " && chown " + user + " " + m + "/pincer " + m + "/pincer/cgroup.procs "
                    + m + "/pincer/cgroup.subtree_control " + m + "/pincer/cgroup.threads")
                    + "; then move the shell that starts Pincer there (as root: echo <shell pid> > " + m + "/pincer/cgroup.procs)"
                    + " and run exec ./pincer start from it");
        } else {
            why += "; no cgroup file system is mounted";
            ways.add("mount cgroups (cgroup v2: mount -t cgroup2 none /sys/fs/cgroup)");
        }
        ways.add("or accept per-process limits only: set " + ALLOW + " (prlimit, with a warning)");
        return new LimitsAdvice(why, String.join("\n", ways));
    }
}
