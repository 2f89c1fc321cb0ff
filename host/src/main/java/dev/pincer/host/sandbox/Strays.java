package dev.pincer.host.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes a turn left behind in an idle sandbox, and their end. Everything the sandbox holds
 * is found three ways, from the kernel's view only: the launcher's process tree, the pids in the
 * sandbox's cgroups, and every process in the sandbox's PID namespace. What stays is the launcher and what leads to the sandbox's PID namespace, the
 * namespace's init (pid 1 inside), the agent JVM (the init's first child) and the JVM's own children and their
 * descendants (the MCP servers the agent keeps across turns). Everything else (a backgrounded or
 * detached process, a fork bomb; all of them end up as children of the init) is SIGKILLed, pass
 * after pass until two passes in a row find none, so processes forking while they are being killed
 * (or while a pass reads {@code /proc}) are caught too.
 */
final class Strays {
    private Strays() {}

    private static final Logger log = LoggerFactory.getLogger(Strays.class);
    static final Duration LIMIT = Duration.ofSeconds(5);

    /** One process as the kernel reports it: its pid in each PID namespace, outermost first, and its state. */
    private record Proc(ProcessHandle handle, List<Long> nsPids, char state) {
        int depth() {
            return nsPids.size();
        }

        long inner() {
            return nsPids.getLast();
        }
    }

    /**
     * Kills the sandbox's stray processes; returns how many were killed.
     *
     * @param launcher   the sandbox's launcher (bwrap outside its namespaces)
     * @param cgroupPids the pids in the sandbox's cgroups now (empty without cgroups)
     */
    static int reap(ProcessHandle launcher, Supplier<List<Long>> cgroupPids) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        int killed = 0;
        int clean = 0;
        while (launcher.isAlive() && clean < 2) {
            Map<Long, Proc> all = snapshot(launcher, cgroupPids.get());
            Set<Long> keep = keep(launcher, all);
            List<Proc> strays = all.values().stream().filter(p -> !keep.contains(p.handle().pid()) && p.state() != 'Z').toList();
            if (strays.isEmpty()) {
                clean++;
                Thread.sleep(20);
                continue;
            }
            clean = 0;
            if (System.nanoTime() > deadline) {
                log.warn("{} stray processes of sandbox {} still alive after {} s", strays.size(), launcher.pid(), LIMIT.toSeconds());
                break;
            }
            for (Proc p : strays) {
                if (p.handle().destroyForcibly()) { // checks the start time: a reused pid is not killed
                    killed++;
                }
            }
            Thread.sleep(10);
        }
        return killed;
    }

    /** The launcher's descendants, the cgroups' processes and the members of the sandbox's PID namespace, by pid. */
    private static Map<Long, Proc> snapshot(ProcessHandle launcher, List<Long> cgroupPids) throws InterruptedException {
        Map<Long, Proc> all = new LinkedHashMap<>();
        launcher.descendants().forEach(h -> read(h).ifPresent(p -> all.put(h.pid(), p)));
        add(all, launcher, cgroupPids); // a container's processes are no descendants of its CLI: its init is told here
        Optional<Path> ns = all.values().stream().filter(p -> p.inner() == 1 && p.depth() > 1).findFirst()
                .flatMap(init -> namespace(init.handle().pid()));
        if (ns.isPresent()) {
            add(all, launcher, members(ns.get()));
        }
        return all;
    }

    private static void add(Map<Long, Proc> all, ProcessHandle launcher, List<Long> pids) {
        for (long pid : pids) {
            if (pid != launcher.pid() && !all.containsKey(pid)) {
                ProcessHandle.of(pid).flatMap(Strays::read).ifPresent(p -> all.put(pid, p));
            }
        }
    }

    /** The PID namespace a process is in, as {@code /proc/<pid>/ns/pid} names it (e.g. {@code pid:[4026532506]}). */
    private static Optional<Path> namespace(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "pid")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every host pid in PID namespace {@code ns}. */
    private static List<Long> members(Path ns) throws InterruptedException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (namespace(pid).filter(ns::equals).isPresent()) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            log.debug("cannot list /proc: {}", e.toString());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return pids;
    }

    /**
     * The launcher, the processes outside the sandbox's PID namespace, its init, the agent JVM and the
     * JVM's subtree. The agent is the init's first child (pid 2 under bwrap; a later pid in a container,
     * whose engine uses a few pids first): every stray the init adopted came later.
     */
    private static Set<Long> keep(ProcessHandle launcher, Map<Long, Proc> all) {
        Set<Long> keep = new HashSet<>();
        keep.add(launcher.pid());
        int outside = read(launcher).map(Proc::depth).orElse(1);
        Set<Long> inits = new HashSet<>();
        for (Proc p : all.values()) {
            if (p.depth() <= outside || p.depth() == outside + 1 && p.inner() == 1) {
                keep.add(p.handle().pid());
                if (p.depth() == outside + 1) {
                    inits.add(p.handle().pid());
                }
            }
        }
        all.values().stream()
                .filter(p -> p.depth() == outside + 1 && p.handle().parent().map(ProcessHandle::pid).filter(inits::contains).isPresent())
                .min(Comparator.comparing((Proc p) -> p.handle().info().startInstant().orElse(Instant.MAX))
                        .thenComparingLong(Proc::inner))
                .ifPresent(agent -> {
                    keep.add(agent.handle().pid());
                    agent.handle().descendants().forEach(d -> keep.add(d.pid()));
                });
        return keep;
    }

    /** The NSpid and State lines of {@code /proc/<pid>/status}; empty once the process is gone. */
    private static Optional<Proc> read(ProcessHandle h) {
        try {
            List<Long> ns = List.of();
            char state = '?';
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(h.pid()), "status"))) {
                if (line.startsWith("NSpid:")) {
                    ns = Arrays.stream(line.substring(6).strip().split("\\s+")).map(Long::parseLong).toList();
                } else if (line.startsWith("State:")) {
                    state = line.substring(6).strip().charAt(0);
                }
            }
            return ns.isEmpty() ? Optional.empty() : Optional.of(new Proc(h, ns, state));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
