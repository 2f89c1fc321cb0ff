package dev.pincer.host.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How every runtime starts a host process for a sandbox (bwrap's launcher, a container CLI and its
 * helper commands): from {@code /}, reading nothing, with only the environment it is given, and
 * its output appended to the run log, which is opened where the sandbox cannot plant a link and
 * begins each run with a {@link #HEADER} line.
 */
public final class Launcher {
    private Launcher() {}

    /** The launcher's whole environment (bwrap, setpriv and unshare need nothing else); a CLI may add to it. */
    public static final Map<String, String> ENV = Map.of("PATH", HostSystem.SYSTEM_PATH, "LC_ALL", "C");

    /** How the line a runtime writes into the run log before each sandbox starts begins. */
    public static final String HEADER = "=== sandbox ";

    /**
     * The run log of {@code spec}, checked to lie outside every writable bind source in
     * {@code mounts} (see {@link BindSources}), with the header line
     * {@code === sandbox <folder><what> started <time> ===} appended.
     *
     * @param what after the group folder, e.g. {@code " (docker container pincer-main-1a2b)"}; may be empty
     */
    public static Path openRunLog(SandboxSpec spec, List<Mount> mounts, String what) throws IOException {
        Path logFile = BindSources.safeLogFile(spec.logFile(), mounts);
        Files.writeString(logFile, HEADER + spec.groupFolder() + what + " started " + Instant.now() + " ===\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        return logFile;
    }

    /** Starts {@code command} with stdout and stderr appended to {@code logFile}. */
    public static Process start(List<String> command, Map<String, String> env, Path logFile) throws IOException {
        return builder(command, env).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }

    /** Starts {@code command} with its output discarded (helper commands such as removing a container). */
    public static Process startQuietly(List<String> command, Map<String, String> env) throws IOException {
        return builder(command, env).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }
}
