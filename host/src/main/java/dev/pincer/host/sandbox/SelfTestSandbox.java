package dev.pincer.host.sandbox;

import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check every runtime's self-test makes through its real start path: a tiny sandbox with a
 * writable group folder writes its uid there (and whatever the runtime's script records). One that
 * cannot start, runs past its limit, fails, writes nothing or runs as uid 0 fails the self-test;
 * otherwise the runtime judges the rest of what it left ({@link Checks#judge}).
 */
public final class SelfTestSandbox {
    private SelfTestSandbox() {}

    private static final Logger log = LoggerFactory.getLogger(SelfTestSandbox.class);

    /** The first command of every self-test sandbox, run in its group folder. */
    static final String WRITE_UID = "id -u > uid";

    /** A runtime's part in the check: its words, its extra script and its own judgement. */
    public interface Checks {
        /** What the sandbox is called in messages, e.g. {@code sandbox} or {@code container}. */
        String noun();

        /** Shell commands run in the group folder after the uid was written; empty for none. */
        String script();

        /** What to do when the sandbox did not finish within its limit. */
        String timeoutFix();

        /** What to do when the sandbox exited 0 but wrote nothing. */
        String silentFix();

        /** A sandbox that could not be started at all, mapped to what to do. */
        SelfTest cannotStart(IOException e);

        /** A sandbox that failed, its output mapped to what to do. */
        SelfTest diagnose(String output, SandboxExit exit);

        /** The runtime's own checks of what an unprivileged sandbox left, and its line when they pass. */
        SelfTest judge(Seen seen) throws IOException;
    }

    /**
     * What the sandbox left.
     *
     * @param spec  the spec it ran with
     * @param uid   the uid it wrote inside (never 0: that was refused already)
     * @param group its group folder on the host
     */
    public record Seen(SandboxSpec spec, String uid, Path group) {
        /** A file the script wrote into the group folder, stripped; {@code ?} when there is none. */
        public String read(String name) throws IOException {
            Path file = group.resolve(name);
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readString(file).strip() : "?";
        }

        /** The host uid that owns a file the script wrote. */
        public int hostOwner(String name) throws IOException {
            return (Integer) Files.getAttribute(group.resolve(name), "unix:uid", LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Runs the check with {@code runtime}; never throws, every failure is a {@link SelfTest} with a fix. */
    public static SelfTest run(SandboxRuntime runtime, Checks checks, Duration limit, Limits limits) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("pincer-selftest-");
            // traversable (not readable) for the agent uid, which a container reaches the group folder as
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
            return probe(runtime, checks, limit, limits, tmp);
        } catch (IOException e) {
            return checks.cannotStart(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SelfTest.failed("self-test interrupted", "run it again");
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static SelfTest probe(SandboxRuntime runtime, Checks checks, Duration limit, Limits limits, Path tmp)
            throws IOException, InterruptedException {
        Path group = Files.createDirectory(tmp.resolve("group"));
        Path logFile = tmp.resolve("selftest.log");
        MountPlan plan = new MountPlan("selftest", false, "/usr", List.of(Mount.readWrite(group, SandboxPaths.GROUP)), List.of());
        String script = checks.script().isEmpty() ? WRITE_UID : WRITE_UID + "; " + checks.script();
        SandboxSpec spec = new SandboxSpec(plan,
                SandboxSpec.Command.inGroup(List.of("/bin/sh", "-c", script), Map.of("PATH", "/usr/bin:/bin")),
                limit, logFile, limits);
        SandboxExit exit = runtime.start(spec).waitFor();
        String output = Files.readString(logFile, StandardCharsets.UTF_8);
        String what = "the self-test " + checks.noun();
        if (exit instanceof SandboxExit.TimedOut) {
            return SelfTest.failed(what + " did not finish within " + limit.toSeconds() + " s", checks.timeoutFix());
        }
        if (!exit.succeeded()) {
            return checks.diagnose(output, exit);
        }
        Seen seen = new Seen(spec, "?", group);
        String uid = seen.read("uid");
        if (uid.equals("?")) {
            return SelfTest.failed(what + " exited 0 but wrote nothing; output: " + excerpt(output), checks.silentFix());
        }
        if (uid.equals("0")) {
            return SelfTest.failed(what + " ran as uid 0; Pincer refuses to run agents as root",
                    "configure an unprivileged agent uid (PINCER_AGENT_UID)");
        }
        return checks.judge(new Seen(spec, uid, group));
    }

    /** The last few lines of a run log without its header lines, for a one-line detail. */
    public static String excerpt(String output) {
        String[] lines = output.strip().lines().filter(l -> !l.startsWith(Launcher.HEADER)).toArray(String[]::new);
        int from = Math.max(0, lines.length - 5);
        String text = String.join(" | ", Arrays.copyOfRange(lines, from, lines.length));
        return text.isEmpty() ? "(no output)" : text.length() > 600 ? text.substring(text.length() - 600) : text;
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
