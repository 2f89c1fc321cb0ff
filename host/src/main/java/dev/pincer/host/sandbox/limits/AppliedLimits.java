package dev.pincer.host.sandbox.limits;

import dev.pincer.host.sandbox.SandboxResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of one sandbox as they were set up: cgroup directories its launcher joins (by writing
 * its pid into each {@code cgroup.procs} before it execs bwrap) and/or a command prefix such as
 * {@code prlimit --nproc=…}. Released once the sandbox is gone.
 *
 * @param cgroups per-sandbox cgroup directories, each removed on release
 * @param prefix  argv put in front of the launch command
 */
public record AppliedLimits(List<Path> cgroups, List<String> prefix) implements SandboxResources {
    private static final Logger log = LoggerFactory.getLogger(AppliedLimits.class);
    private static final long RELEASE_WAIT_MS = 5_000;

    public static final AppliedLimits NONE = new AppliedLimits(List.of(), List.of());

    public AppliedLimits {
        cgroups = List.copyOf(cgroups);
        prefix = List.copyOf(prefix);
    }

    /** The {@code cgroup.procs} files the launcher joins. */
    public List<Path> procsFiles() {
        return cgroups.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** Every host pid in this sandbox's cgroups. */
    @Override
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Path procs : procsFiles()) {
            try {
                for (String line : Files.readAllLines(procs)) {
                    if (!line.isBlank() && !pids.contains(Long.parseLong(line.strip()))) {
                        pids.add(Long.parseLong(line.strip()));
                    }
                }
            } catch (NoSuchFileException e) {
                // already removed
            } catch (IOException e) {
                log.warn("cannot read {}: {}", procs, e.toString());
            }
        }
        return pids;
    }

    /** SIGKILLs every process in the sandbox's cgroups, detached ones included. */
    @Override
    public void killAll() {
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Kills stragglers, waits until the cgroups are empty, then removes them. */
    @Override
    public void release() {
        if (cgroups.isEmpty()) {
            return;
        }
        long deadline = System.currentTimeMillis() + RELEASE_WAIT_MS;
        while (!pids().isEmpty() && System.currentTimeMillis() < deadline) {
            killAll();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Path dir : cgroups) {
            remove(dir, deadline);
        }
    }

    /** rmdir of a cgroup directory (its control files are not real files); retried briefly while busy. */
    private static void remove(Path dir, long deadline) {
        while (true) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() >= deadline) {
                    log.warn("could not remove the sandbox cgroup {}: {}", dir, e.toString());
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
