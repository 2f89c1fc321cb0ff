package dev.pincer.host.sandbox.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which limits mechanism is chosen, from a fake cgroup tree and mount table (and on this host); the argv prlimit produces. */
class LimitsProbeTest {
    @TempDir
    Path root;

    private static final Optional<Path> PRLIMIT = Optional.of(Path.of("/usr/bin/prlimit"));
    private static final String HYBRID_CGROUPS = """
            9:name=systemd:/
            8:pids:/
            4:memory:/process_api/abc
            1:cpu:/
            0::/
            """;

    private Path mounts(String... lines) throws IOException {
        return Files.writeString(root.resolve("mounts"), String.join("\n", lines) + "\n");
    }

    private Path cgroupFile(String content) throws IOException {
        return Files.writeString(root.resolve("self-cgroup"), content);
    }

    private Path cgroupDir(String relative) throws IOException {
        Path dir = Files.createDirectories(root.resolve(relative));
        Files.writeString(dir.resolve("cgroup.procs"), "");
        return dir;
    }

    private Path hybridMounts() throws IOException {
        return mounts("tmpfs " + root + " tmpfs rw 0 0",
                "cgroup " + root.resolve("cpu") + " cgroup rw,relatime,cpu 0 0",
                "cgroup " + root.resolve("memory") + " cgroup rw,relatime,memory 0 0",
                "cgroup " + root.resolve("pids") + " cgroup rw,relatime,pids 0 0",
                "cgroup2 " + root.resolve("unified") + " cgroup2 rw,relatime 0 0");
    }

    @Test
    void aHybridHostUsesCgroupV1NestedUnderItsOwnCgroupInEachHierarchy() throws Exception {
        Path memory = cgroupDir("memory/process_api/abc");
        Path pids = cgroupDir("pids");
        Path cpu = cgroupDir("cpu");
        Files.createDirectories(root.resolve("unified"));
        Files.writeString(root.resolve("unified/cgroup.subtree_control"), "hugetlb\n");

        LimitsMechanism m = LimitsProbe.probe(hybridMounts(), cgroupFile(HYBRID_CGROUPS), PRLIMIT);

        assertThat(m).isEqualTo(new CgroupV1(memory, pids, cpu));
        assertThat(m.name()).isEqualTo("cgroup v1");
    }

    @Test
    void aDelegatedV2SubtreeWinsOverV1() throws Exception {
        cgroupDir("memory/process_api/abc");
        cgroupDir("pids");
        cgroupDir("cpu");
        Path own = Files.createDirectories(root.resolve("unified/user.slice/pincer.service"));
        Files.writeString(own.resolve("cgroup.subtree_control"), "cpu io memory pids\n");

        LimitsMechanism m = LimitsProbe.probe(hybridMounts(),
                cgroupFile(HYBRID_CGROUPS.replace("0::/", "0::/user.slice/pincer.service")), PRLIMIT);

        assertThat(m).isEqualTo(new CgroupV2(own));
    }

    @Test
    void aV2CgroupWithoutTheControllersDelegatedIsNotUsed() throws Exception {
        Path own = Files.createDirectories(root.resolve("unified/user.slice"));
        Files.writeString(own.resolve("cgroup.subtree_control"), "memory pids\n"); // no cpu
        LimitsMechanism m = LimitsProbe.probe(mounts("cgroup2 " + root.resolve("unified") + " cgroup2 rw 0 0"),
                cgroupFile("0::/user.slice\n"), PRLIMIT);
        assertThat(m).isEqualTo(new Prlimit(PRLIMIT.get()));
    }

    @Test
    void aMissingV1HierarchyFallsBackToPrlimitThenToNothing() throws Exception {
        cgroupDir("memory/process_api/abc");
        cgroupDir("cpu"); // no pids hierarchy directory
        assertThat(LimitsProbe.probe(hybridMounts(), cgroupFile(HYBRID_CGROUPS), PRLIMIT)).isInstanceOf(Prlimit.class);
        assertThat(LimitsProbe.probe(hybridMounts(), cgroupFile(HYBRID_CGROUPS), Optional.empty()))
                .isInstanceOf(LimitsMechanism.None.class)
                .extracting(LimitsMechanism::name).asString().startsWith("none");
        assertThat(LimitsProbe.probe(root.resolve("no-such-mounts"), root.resolve("no-such-cgroup"), PRLIMIT))
                .isInstanceOf(Prlimit.class);
    }

    @Test
    void ownPathsComeFromTheMatchingLineAndRefuseDotDot() {
        List<String> lines = List.of("4:memory:/process_api/abc", "2:cpu,cpuacct:/x", "0::/a/b", "5:pids:/../escape");
        assertThat(LimitsProbe.ownPath(lines, "memory")).contains("/process_api/abc");
        assertThat(LimitsProbe.ownPath(lines, "cpuacct")).contains("/x");
        assertThat(LimitsProbe.ownPath(lines, "")).contains("/a/b");
        assertThat(LimitsProbe.ownPath(lines, "pids")).isEmpty();
        assertThat(LimitsProbe.cgroupMounts(List.of("cgroup /sys/fs/cgroup/with\\040space cgroup rw,pids 0 0")))
                .containsExactly(new LimitsProbe.CgroupMount(Path.of("/sys/fs/cgroup/with space"), "cgroup", List.of("rw", "pids")));
    }

    @Test
    void prlimitCapsTasksCpuTimeAndDataButNeverAddressSpace() {
        AppliedLimits a = new Prlimit(Path.of("/usr/bin/prlimit"))
                .apply("s", new Limits(512, 100, 0.5), Duration.ofSeconds(60));
        assertThat(a.prefix()).containsExactly("/usr/bin/prlimit", "--nproc=100", "--cpu=30:35",
                "--data=" + 512L * 1024 * 1024, "--");
        assertThat(a.cgroups()).isEmpty();
        assertThat(String.join(" ", a.prefix())).doesNotContain("--as");
        // as a normal user the sandbox runs as that user, whose other processes NPROC would count
        assertThat(new Prlimit(Path.of("/usr/bin/prlimit"), false).apply("s", Limits.DEFAULT, Duration.ofSeconds(10)).prefix())
                .noneMatch(arg -> arg.startsWith("--nproc"));
        assertThat(LimitsProbe.probe(root.resolve("none"), root.resolve("none"), PRLIMIT, false))
                .isEqualTo(new Prlimit(PRLIMIT.get(), false));
    }

    /**
     * On this host, whoever runs the tests (root, or a user with delegated cgroups, or neither):
     * when the caller's own cgroups are writable the probe uses them, nested under the caller's own
     * cgroup in each hierarchy, and only falls back to prlimit when none is; and the mechanism it
     * picks really applies a sandbox's limits and cleans up.
     */
    @Test
    void thisHostsProbeUsesTheCgroupsTheCallerCanWriteAndTheyWork() throws Exception {
        LimitsMechanism m = LimitsProbe.probe();
        List<String> own = Files.readAllLines(Path.of("/proc/self/cgroup"));
        List<LimitsProbe.CgroupMount> mounts = LimitsProbe.cgroupMounts(Files.readAllLines(Path.of("/proc/self/mounts")));
        Optional<Path> v2 = ownDir(mounts, own, "");
        boolean v2Delegated = v2.isPresent() && Files.isWritable(v2.get())
                && Files.isRegularFile(v2.get().resolve("cgroup.subtree_control"))
                && List.of(Files.readString(v2.get().resolve("cgroup.subtree_control")).strip().split("\\s+"))
                        .containsAll(List.of("memory", "pids", "cpu"));
        List<Optional<Path>> v1 = List.of(ownDir(mounts, own, "memory"), ownDir(mounts, own, "pids"), ownDir(mounts, own, "cpu"));
        boolean v1Writable = v1.stream().allMatch(d -> d.isPresent() && Files.isWritable(d.get())
                && Files.isRegularFile(d.get().resolve("cgroup.procs")));
        System.out.printf("limits on this host: %s (v2 delegated %s, v1 writable %s, uid %d)%n", m.name(), v2Delegated,
                v1Writable, HostSystem.effectiveUid());

        if (v2Delegated) {
            assertThat(m).isEqualTo(new CgroupV2(v2.get()));
        } else if (v1Writable) {
            assertThat(m).isEqualTo(new CgroupV1(v1.get(0).get(), v1.get(1).get(), v1.get(2).get()));
        } else {
            assertThat(m).as("no writable cgroup here, so the rlimit fallback").isInstanceOfAny(Prlimit.class, LimitsMechanism.None.class);
        }

        AppliedLimits applied = m.apply("pincer-probe-test-" + Long.toHexString(System.nanoTime()), new Limits(256, 32, 0.5),
                Duration.ofSeconds(10));
        try {
            if (m instanceof CgroupV1) {
                assertThat(applied.cgroups()).hasSize(3);
                assertThat(Files.readString(applied.cgroups().get(0).resolve("memory.limit_in_bytes")).strip())
                        .isEqualTo(String.valueOf(256L * 1024 * 1024));
                assertThat(Files.readString(applied.cgroups().get(1).resolve("pids.max")).strip()).isEqualTo("32");
            } else if (m instanceof CgroupV2) {
                assertThat(Files.readString(applied.cgroups().get(0).resolve("memory.max")).strip())
                        .isEqualTo(String.valueOf(256L * 1024 * 1024));
            } else if (m instanceof Prlimit) {
                assertThat(applied.prefix()).isNotEmpty().anySatisfy(a -> assertThat(a).startsWith("--data="));
            }
        } finally {
            applied.release();
        }
        assertThat(applied.cgroups()).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    /** The caller's own cgroup directory in the hierarchy of {@code controller} ("" for v2). */
    private static Optional<Path> ownDir(List<LimitsProbe.CgroupMount> mounts, List<String> own, String controller) {
        Optional<LimitsProbe.CgroupMount> mount = mounts.stream().filter(controller.isEmpty()
                ? mt -> mt.type().equals("cgroup2")
                : mt -> mt.type().equals("cgroup") && mt.options().contains(controller)).findFirst();
        Optional<String> path = LimitsProbe.ownPath(own, controller);
        if (mount.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(path.get().equals("/") ? mount.get().where() : mount.get().where().resolve(path.get().substring(1)));
    }

    @Test
    void aNormalUsersPincerUsesTheCgroupsDelegatedToItInEachV1Hierarchy() throws Exception {
        // an administrator made "pincer" in each hierarchy; the user's own cgroups are not writable
        Path memory = cgroupDir("memory/" + LimitsProbe.DELEGATED);
        Path pids = cgroupDir("pids/" + LimitsProbe.DELEGATED);
        Path cpu = cgroupDir("cpu/" + LimitsProbe.DELEGATED);
        for (String own : List.of("memory/process_api/abc", "pids", "cpu")) {
            Files.setPosixFilePermissions(cgroupDir(own), java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        assumeTrue(!Files.isWritable(root.resolve("pids")), "root writes anything: the user's view cannot be faked");
        assertThat(LimitsProbe.probe(hybridMounts(), cgroupFile(HYBRID_CGROUPS), PRLIMIT, false)).isEqualTo(new CgroupV1(memory, pids, cpu));
    }

    @Test
    void aWritableOwnV1CgroupWinsOverTheDelegatedOne() throws Exception {
        Path memory = cgroupDir("memory/process_api/abc");
        Path pids = cgroupDir("pids");
        Path cpu = cgroupDir("cpu");
        cgroupDir("pids/" + LimitsProbe.DELEGATED);
        assertThat(LimitsProbe.probe(hybridMounts(), cgroupFile(HYBRID_CGROUPS), PRLIMIT)).isEqualTo(new CgroupV1(memory, pids, cpu));
    }

    @Test
    void aDelegatedV2CgroupPincerIsAloneInIsClaimedByMovingIntoALeaf() throws Exception {
        Path own = Files.createDirectories(root.resolve("unified/user.slice/run-1.scope"));
        Files.writeString(own.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Files.writeString(own.resolve("cgroup.subtree_control"), "");
        Files.writeString(own.resolve("cgroup.procs"), "4242\n");
        Path leaf = Files.createDirectories(own.resolve(CgroupV2.HOST_LEAF));
        Files.writeString(leaf.resolve("cgroup.procs"), ""); // cgroupfs makes it with the directory
        LimitsProbe.Host host = new LimitsProbe.Host(mounts("cgroup2 " + root.resolve("unified") + " cgroup2 rw 0 0"),
                cgroupFile("0::/user.slice/run-1.scope\n"), PRLIMIT, false, 4242);

        assertThat(LimitsProbe.probe(host)).isEqualTo(new CgroupV2(own));
        assertThat(leaf.resolve("cgroup.procs")).hasContent("4242\n");
        assertThat(own.resolve("cgroup.subtree_control")).hasContent("+memory +pids +cpu\n");
    }

    @Test
    void aV2CgroupSharedWithOtherProcessesIsNeverReorganised() throws Exception {
        Path own = Files.createDirectories(root.resolve("unified/user.slice/session-1.scope"));
        Files.writeString(own.resolve("cgroup.controllers"), "cpu memory pids\n");
        Files.writeString(own.resolve("cgroup.subtree_control"), "");
        Files.writeString(own.resolve("cgroup.procs"), "17\n4242\n"); // e.g. the login shell
        LimitsProbe.Host host = new LimitsProbe.Host(mounts("cgroup2 " + root.resolve("unified") + " cgroup2 rw 0 0"),
                cgroupFile("0::/user.slice/session-1.scope\n"), PRLIMIT, false, 4242);

        assertThat(LimitsProbe.probe(host)).isEqualTo(new Prlimit(PRLIMIT.get(), false));
        assertThat(own.resolve(CgroupV2.HOST_LEAF)).doesNotExist();
        assertThat(own.resolve("cgroup.subtree_control")).hasContent("");
    }

    @Test
    void staleSandboxCgroupsAreRemovedOnlyWhenEmptyOldAndNamedLikeOne() throws Exception {
        Path parent = Files.createDirectories(root.resolve("parent"));
        Path stale = Files.createDirectories(parent.resolve("pincer-family-1a2b3c"));
        Path young = Files.createDirectories(parent.resolve("pincer-family-4d5e6f"));
        Path foreign = Files.createDirectories(parent.resolve("docker"));
        Path leaf = Files.createDirectories(parent.resolve(CgroupV2.HOST_LEAF));
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600));
        for (Path d : List.of(stale, foreign, leaf)) {
            Files.setLastModifiedTime(d, old);
        }
        assertThat(new CgroupV2(parent).removeStale(Duration.ofMinutes(1), "")).containsExactly(stale);
        assertThat(stale).doesNotExist();
        assertThat(List.of(young, foreign, leaf)).allSatisfy(d -> assertThat(d).isDirectory());
    }

    @Test
    void theOwnHomesLeftoversGoAtOnceOthersOnlyWhenOld() throws Exception {
        Path parent = Files.createDirectories(root.resolve("parent2"));
        String mine = LimitsMechanism.ownerTag(Path.of("/srv/pincer"));
        assertThat(mine).matches("[0-9a-f]{6}").isNotEqualTo(LimitsMechanism.ownerTag(Path.of("/srv/other")));
        assertThat(LimitsMechanism.sandboxName(mine, "family")).startsWith("pincer-" + mine + "-family-");
        Path ownYoung = Files.createDirectories(parent.resolve(LimitsMechanism.sandboxName(mine, "family")));
        Path otherYoung = Files.createDirectories(parent.resolve(LimitsMechanism.sandboxName("abcdef", "family")));
        assertThat(new CgroupV2(parent).removeStale(Duration.ofMinutes(1), mine)).containsExactly(ownYoung);
        assertThat(otherYoung).as("another Pincer's sandbox may be starting").isDirectory();
    }
}
