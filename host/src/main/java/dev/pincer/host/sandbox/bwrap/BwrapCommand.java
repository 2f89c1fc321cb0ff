package dev.pincer.host.sandbox.bwrap;

import dev.pincer.host.sandbox.AgentUser;
import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.Mask;
import dev.pincer.host.sandbox.Mount;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.limits.AppliedLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the command line that starts one sandbox.
 *
 * <p>As a normal user: {@code bwrap <args> -- <argv>}. As root: the bind sources are first staged in
 * a private mount namespace, so an agent uid that cannot traverse PINCER_HOME's parents can still
 * bind them, then privileges are dropped:
 * {@code unshare --mount --propagation private sh -c STAGE_SCRIPT pincer-stage <stage> <n> <sources…>
 * setpriv --reuid U … bwrap <args binding from the stage> -- <argv>}. Every path reaches the script
 * as a positional argument; no text is spliced into it.
 */
final class BwrapCommand {
    private BwrapCommand() {}

    /** Where the launcher runs: as root it stages and drops privileges, otherwise it runs bwrap directly. */
    record Launch(Path bwrap, AgentUser user, boolean asRoot, Path stageDir, Path unshare, Path setpriv) {}

    static final long TMP_BYTES = 256L * 1024 * 1024;
    /** {@code /dev/shm}: bwrap's {@code --dev} is a tmpfs without a size limit, so it is made read-only and this is the only writable part. */
    static final long SHM_BYTES = 64L * 1024 * 1024;

    /**
     * Mounts a tmpfs on the stage point (private to this mount namespace), binds each source to a
     * numbered entry in it, applies the masks to the staged copies (as root, so a mask works even
     * where the agent uid cannot traverse), then execs the rest of the arguments.
     */
    static final String STAGE_SCRIPT = """
            set -eu
            stage=$1; n=$2; shift 2
            mount -t tmpfs -o mode=0755,nosuid,nodev pincer-stage "$stage"
            i=0
            while [ "$i" -lt "$n" ]; do
              if [ -d "$1" ]; then mkdir "$stage/$i"; else : > "$stage/$i"; fi
              mount --bind "$1" "$stage/$i"
              shift; i=$((i + 1))
            done
            m=$1; shift
            j=0
            while [ "$j" -lt "$m" ]; do
              if [ "$1" = dir ]; then
                mount -t tmpfs -o ro,size=4k,mode=0755,nosuid,nodev,noexec pincer-mask "$stage/$2"
              else
                mount --bind /dev/null "$stage/$2"
              fi
              shift 2; j=$((j + 1))
            done
            exec "$@"
            """;

    /**
     * Joins the sandbox's cgroups, then execs the rest: {@code sh -c JOIN_SCRIPT pincer-join <n>
     * <cgroup.procs…> <command…>}. The shell's pid is the one that becomes unshare, setpriv and
     * bwrap, so everything in the sandbox starts inside the cgroups. Paths arrive as positional
     * arguments; a failed write stops the launch instead of running without limits.
     */
    static final String JOIN_SCRIPT = """
            set -eu
            n=$1; shift
            i=0
            while [ "$i" -lt "$n" ]; do
              echo $$ > "$1"
              shift; i=$((i + 1))
            done
            exec "$@"
            """;

    /** {@code command} behind the limits' prefix (prlimit) and, when there are cgroups, the join stage. */
    static List<String> limited(AppliedLimits limits, List<String> command) {
        List<String> cmd = new ArrayList<>(limits.prefix());
        List<Path> procs = limits.procsFiles();
        if (!procs.isEmpty()) {
            cmd.addAll(List.of("/bin/sh", "-c", JOIN_SCRIPT, "pincer-join", String.valueOf(procs.size())));
            procs.forEach(p -> cmd.add(p.toString()));
        }
        cmd.addAll(command);
        return cmd;
    }

    /** Opens the file named by {@code $0} as fd {@value #SECCOMP_FD}, then execs the rest. */
    static final String SECCOMP_TRAMPOLINE = "exec \"$@\" 9<\"$0\"";
    static final String SECCOMP_FD = "9";

    /**
     * As {@link #build(Launch, SandboxSpec, List, Path)}, with bwrap loading the seccomp program in
     * {@code seccompFile} (null: none). ProcessBuilder passes only fds 0-2, so a {@code /bin/sh}
     * trampoline in front of everything opens the file as fd 9 (the path is its {@code $0}, never
     * script text); the fd survives unshare, the stage script and setpriv, and bwrap closes it
     * after loading the filter.
     */
    static List<String> build(Launch launch, SandboxSpec spec, List<Mount> mounts, Path etcDir, Path seccompFile) {
        List<String> cmd = build(launch, spec, mounts, etcDir);
        if (seccompFile == null) {
            return cmd;
        }
        // bwrap is the first occurrence of its path after setpriv (staged sources come before setpriv)
        int from = launch.asRoot() ? cmd.indexOf(launch.setpriv().toString()) : 0;
        int bwrapAt = from < 0 ? -1 : cmd.subList(from, cmd.size()).indexOf(launch.bwrap().toString());
        if (bwrapAt < 0) {
            throw new IllegalStateException("no bwrap in the sandbox command " + cmd);
        }
        bwrapAt += from;
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", SECCOMP_TRAMPOLINE, seccompFile.toString()));
        wrapped.addAll(cmd.subList(0, bwrapAt + 1));
        wrapped.addAll(List.of("--seccomp", SECCOMP_FD));
        wrapped.addAll(cmd.subList(bwrapAt + 1, cmd.size()));
        return wrapped;
    }

    static List<String> build(Launch launch, SandboxSpec spec, List<Mount> mounts, Path etcDir) {
        Map<Path, String> where = new LinkedHashMap<>();
        for (Path source : sources(mounts, etcDir)) {
            where.put(source, launch.asRoot() ? launch.stageDir() + "/" + where.size() : source.toString());
        }
        List<String> bwrap = bwrapArgs(launch, spec, mounts, where);
        if (!launch.asRoot()) {
            return bwrap;
        }
        List<String> cmd = new ArrayList<>(List.of(launch.unshare().toString(), "--mount", "--propagation", "private",
                "/bin/sh", "-c", STAGE_SCRIPT, "pincer-stage", launch.stageDir().toString(), String.valueOf(where.size())));
        where.keySet().forEach(p -> cmd.add(p.toString()));
        List<String[]> staged = stagedMasks(spec.plan().masks(), mounts, where, launch.stageDir());
        cmd.add(String.valueOf(staged.size()));
        staged.forEach(m -> cmd.addAll(List.of(m)));
        cmd.addAll(List.of(launch.setpriv().toString(), "--reuid", String.valueOf(launch.user().uid()),
                "--regid", String.valueOf(launch.user().gid()), "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs"));
        cmd.addAll(bwrap);
        return cmd;
    }

    /**
     * Each mask as {kind, path relative to the stage point}: the mount whose target contains the
     * mask, its numbered stage entry, then the rest of the mask's path.
     */
    private static List<String[]> stagedMasks(List<Mask> masks, List<Mount> mounts, Map<Path, String> where, Path stageDir) {
        List<String[]> staged = new ArrayList<>();
        for (Mask mask : masks) {
            Mount owner = mounts.stream()
                    .filter(m -> mask.target().startsWith(m.target() + "/"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("mask " + mask.target() + " is under no mount"));
            String entry = where.get(owner.source()).substring(stageDir.toString().length() + 1);
            String rest = mask.target().substring(owner.target().length() + 1);
            staged.add(new String[] {mask.directory() ? "dir" : "file", entry + "/" + rest});
        }
        return staged;
    }

    private static List<Path> sources(List<Mount> mounts, Path etcDir) {
        List<Path> sources = new ArrayList<>();
        sources.add(etcDir);
        mounts.forEach(m -> sources.add(m.source()));
        return sources;
    }

    private static List<String> bwrapArgs(Launch launch, SandboxSpec spec, List<Mount> mounts, Map<Path, String> where) {
        List<String> a = new ArrayList<>(List.of(launch.bwrap().toString(),
                "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--uid", String.valueOf(launch.user().uid()), "--gid", String.valueOf(launch.user().gid()),
                "--hostname", "sandbox", "--clearenv"));
        spec.command().env().forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
        systemBinds(a);
        String etc = where.values().iterator().next();
        a.addAll(List.of("--ro-bind", etc + "/" + EtcFiles.PASSWD, "/etc/passwd",
                "--ro-bind", etc + "/" + EtcFiles.GROUP, "/etc/group",
                "--ro-bind", etc + "/" + EtcFiles.HOSTS, "/etc/hosts",
                "--proc", "/proc", "--dev", "/dev", "--size", String.valueOf(SHM_BYTES), "--tmpfs", "/dev/shm",
                "--remount-ro", "/dev", "--size", String.valueOf(TMP_BYTES), "--tmpfs", "/tmp"));
        for (Mount m : mounts) {
            a.addAll(List.of(m.writable() ? "--bind" : "--ro-bind", where.get(m.source()), m.target()));
        }
        // As root the masks were already applied to the staged sources (see STAGE_SCRIPT).
        for (Mask mask : launch.asRoot() ? List.<Mask>of() : spec.plan().masks()) {
            if (mask.directory()) {
                a.addAll(List.of("--size", "4096", "--tmpfs", mask.target(), "--remount-ro", mask.target()));
            } else {
                a.addAll(List.of("--ro-bind", "/dev/null", mask.target()));
            }
        }
        a.addAll(List.of("--chdir", spec.command().cwd(), "--"));
        a.addAll(spec.command().argv());
        return a;
    }

    /** /usr read-only, the usr-merge links, and the few world-readable /etc entries programs need. */
    private static void systemBinds(List<String> a) {
        a.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String top : List.of("bin", "lib", "lib64", "sbin")) {
            Path p = Path.of("/", top);
            if (Files.isSymbolicLink(p)) {
                try {
                    a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), p.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the symlink " + p, e);
                }
            } else if (Files.isDirectory(p)) {
                a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        for (Path p : HostSystem.etcForUsr()) {
            a.addAll(List.of("--ro-bind-try", p.toString(), p.toString()));
        }
    }
}
