package dev.pincer.host.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the command line that starts one sandbox (sandbox-findings sections 1 and 8).
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
    record Launch(Path bwrap, int uid, int gid, boolean asRoot, Path stageDir, Path unshare, Path setpriv) {}

    static final long TMP_BYTES = 256L * 1024 * 1024;

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
        cmd.addAll(List.of(launch.setpriv().toString(), "--reuid", String.valueOf(launch.uid()),
                "--regid", String.valueOf(launch.gid()), "--clear-groups", "--inh-caps=-all",
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
                "--cap-drop", "ALL", "--uid", String.valueOf(launch.uid()), "--gid", String.valueOf(launch.gid()),
                "--hostname", "sandbox", "--clearenv"));
        spec.env().forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
        systemBinds(a);
        String etc = where.values().iterator().next();
        a.addAll(List.of("--ro-bind", etc + "/" + EtcFiles.PASSWD, "/etc/passwd",
                "--ro-bind", etc + "/" + EtcFiles.GROUP, "/etc/group",
                "--ro-bind", etc + "/" + EtcFiles.HOSTS, "/etc/hosts",
                "--proc", "/proc", "--dev", "/dev", "--size", String.valueOf(TMP_BYTES), "--tmpfs", "/tmp"));
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
        a.addAll(List.of("--chdir", spec.cwd(), "--"));
        a.addAll(spec.argv());
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
        List<String> etc = new ArrayList<>(List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/ssl/certs", "/etc/localtime"));
        // Debian's OpenJDK links conf/ and lib/security/ into /etc/java-<N>-openjdk.
        try (DirectoryStream<Path> javaEtc = Files.newDirectoryStream(Path.of("/etc"), "java-*")) {
            javaEtc.forEach(p -> etc.add(p.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /etc", e);
        }
        for (String p : etc) {
            a.addAll(List.of("--ro-bind-try", p, p));
        }
    }
}
