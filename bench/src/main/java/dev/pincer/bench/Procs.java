package dev.pincer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What /proc says about processes: resident memory, the agent JVMs a host started, the load. */
final class Procs {
    private Procs() {}

    /** The resident set of process {@code pid} in MiB (VmRSS). */
    static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** The sandboxes host {@code hostPid} runs: its bwrap children. */
    static List<ProcessHandle> sandboxes(long hostPid) {
        return ProcessHandle.of(hostPid).stream().flatMap(ProcessHandle::children)
                .filter(p -> p.info().commandLine().map(c -> c.contains("bwrap")).orElse(false))
                .toList();
    }

    /** The agent JVM of the sandbox the host started last (the sandbox's command line names no group). */
    static Optional<ProcessHandle> newestAgentJvm(long hostPid) {
        return sandboxes(hostPid).stream()
                .max(Comparator.comparing(p -> p.info().startInstant().orElse(Instant.EPOCH)))
                .flatMap(s -> s.descendants().filter(d -> d.info().commandLine()
                        .map(c -> c.contains("pincer-agent.jar") && !c.contains("bwrap")).orElse(false)).findFirst());
    }

    /** Each process below {@code pid}: its id and command line, for messages. */
    static String describeDescendants(long pid) {
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList().toString();
    }

    /** The 1-minute load average, or -1 where /proc/loadavg cannot be read. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
