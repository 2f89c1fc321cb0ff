package dev.pincer.host.sandbox.limits;

import dev.pincer.host.sandbox.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delegated cgroup v2 subtree: the caller's own cgroup enables the memory, pids and cpu
 * controllers for its children and is writable, so each sandbox gets a child directory
 * with {@code memory.max}, {@code memory.swap.max}, {@code pids.max} and {@code cpu.max}.
 *
 * @param parent the caller's own cgroup directory
 */
public record CgroupV2(Path parent) implements CgroupMechanism {
    private static final Logger log = LoggerFactory.getLogger(CgroupV2.class);

    /** The controllers every sandbox's cgroup uses. */
    static final List<String> REQUIRED = List.of("memory", "pids", "cpu");
    /** Where Pincer moves itself when it claims a delegated cgroup it is alone in ({@link #claim}). */
    static final String HOST_LEAF = "pincer.host";

    @Override
    public String name() {
        return "cgroup v2";
    }

    @Override
    public List<Path> parents() {
        return List.of(parent);
    }

    @Override
    public AppliedLimits apply(String sandbox, Limits limits, Duration timeout) throws IOException {
        return CgroupMechanism.create(parents(), sandbox, dirs -> {
            Path dir = dirs.getFirst();
            Cgroups.write(dir.resolve("memory.max"), String.valueOf(limits.memoryBytes()));
            if (Files.exists(dir.resolve("memory.swap.max"))) {
                Cgroups.write(dir.resolve("memory.swap.max"), "0");
            }
            Cgroups.write(dir.resolve("pids.max"), String.valueOf(limits.pids()));
            Cgroups.write(dir.resolve("cpu.max"), limits.cpuQuotaUs() + " " + Limits.CPU_PERIOD_US);
        });
    }

    /**
     * The caller's own cgroup {@code own} as the parent of sandbox cgroups, if it is delegated to it:
     * its children may already use memory, pids and cpu, or it is writable, offers them, and holds no
     * process but this one (pid {@code self}). Then, because cgroup v2 lets only a cgroup without
     * processes of its own hand controllers to its children, this process moves into the leaf
     * {@value #HOST_LEAF} and enables the controllers. A cgroup shared with other processes is never
     * reorganised: e.g. start Pincer with {@code systemd-run --user --scope ./pincer start}.
     */
    static Optional<CgroupV2> claim(Path own, long self) {
        try {
            if (words(own.resolve("cgroup.subtree_control")).containsAll(REQUIRED)) {
                return Files.isWritable(own) ? Optional.of(new CgroupV2(own)) : Optional.empty();
            }
            List<String> offered = words(own.resolve("cgroup.controllers"));
            if (!offered.containsAll(REQUIRED) || !Files.isWritable(own) || !Files.isWritable(own.resolve("cgroup.procs"))
                    || !Files.isWritable(own.resolve("cgroup.subtree_control"))
                    || !words(own.resolve("cgroup.procs")).equals(List.of(String.valueOf(self)))) {
                return Optional.empty();
            }
            Path leaf = Files.createDirectories(own.resolve(HOST_LEAF));
            Cgroups.write(leaf.resolve("cgroup.procs"), String.valueOf(self));
            Cgroups.write(own.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
            log.info("claimed the delegated cgroup {}: Pincer moved into {}, sandboxes are created beside it", own, leaf);
            return Optional.of(new CgroupV2(own));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // not a cgroup directory here
        } catch (IOException e) {
            log.warn("cannot use the cgroup v2 subtree {}: {}", own, e.toString());
            return Optional.empty();
        }
    }

    private static List<String> words(Path file) throws IOException {
        String text = Files.readString(file).strip();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
    }
}
