package dev.pincer.host.sandbox.bwrap;

import dev.pincer.host.sandbox.AgentUser;
import dev.pincer.host.sandbox.BindSources;
import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.Isolation;
import dev.pincer.host.sandbox.IsolationPolicy;
import dev.pincer.host.sandbox.Launcher;
import dev.pincer.host.sandbox.Limits;
import dev.pincer.host.sandbox.Mount;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxRefusedException;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.SandboxTargets;
import dev.pincer.host.sandbox.SelfTest;
import dev.pincer.host.sandbox.limits.AppliedLimits;
import dev.pincer.host.sandbox.limits.LimitsAdvice;
import dev.pincer.host.sandbox.limits.LimitsMechanism;
import dev.pincer.host.sandbox.limits.LimitsProbe;
import dev.pincer.host.sandbox.seccomp.SeccompFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes with bubblewrap (Linux, no daemon). When the host runs as root, every sandbox is
 * started as the unprivileged agent uid (never as root: docs/SECURITY.md, promise 1), from bind sources
 * staged in a private mount namespace; otherwise bwrap runs as the current user. Each start (and the
 * self-test) first checks the {@link IsolationPolicy}: no sandbox without per-sandbox limits or a
 * seccomp filter unless the operator allowed it; what a sandbox got is its {@link Isolation}.
 */
public final class BwrapRuntime implements SandboxRuntime {
    private static final Logger log = LoggerFactory.getLogger(BwrapRuntime.class);

    public static final int DEFAULT_AGENT_UID = 60000;
    public static final int DEFAULT_AGENT_GID = 60000;
    /** Mount point of the private staging tmpfs; stays an empty directory on the host. */
    public static final Path DEFAULT_STAGE_DIR = Path.of("/run/pincer-stage");

    private final Path bwrap;
    private final int agentUid;
    private final int agentGid;
    private final Path stageDir;
    private final boolean asRoot;
    private final Map<String, String> launcherEnv;
    /** Stale sandbox cgroups younger than this are left alone: another Pincer may be starting one. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

    private volatile SeccompFilter seccompFilter = SeccompFilter.forThisMachine().orElse(null);
    private volatile boolean seccompWanted = true;
    private volatile IsolationPolicy policy = IsolationPolicy.STRICT;
    private final AtomicBoolean warned = new AtomicBoolean();
    private Path etcDir;
    private LimitsMechanism limitsMechanism;

    /**
     * @param bwrapBinary the bwrap executable (see {@link #resolveBinary})
     * @param agentUid host uid the sandbox runs as when the host is root (inside it is always this uid)
     * @param agentGid host gid likewise
     * @param stageDir staging mount point used as root, e.g. {@link #DEFAULT_STAGE_DIR}
     */
    public BwrapRuntime(Path bwrapBinary, int agentUid, int agentGid, Path stageDir) {
        this(bwrapBinary, agentUid, agentGid, stageDir, Launcher.ENV);
    }

    /** For tests: a launcher environment other than {@link Launcher#ENV}. */
    BwrapRuntime(Path bwrapBinary, int agentUid, int agentGid, Path stageDir, Map<String, String> launcherEnv) {
        this.bwrap = Objects.requireNonNull(bwrapBinary, "bwrapBinary");
        if (agentUid <= 0 || agentGid <= 0) {
            throw new IllegalArgumentException("the agent uid and gid must be unprivileged (> 0), got "
                    + agentUid + ":" + agentGid);
        }
        this.agentUid = agentUid;
        this.agentGid = agentGid;
        this.stageDir = Path.of(SandboxTargets.requireValid(stageDir.toString()));
        this.asRoot = HostSystem.effectiveUid() == 0;
        this.launcherEnv = Map.copyOf(launcherEnv);
    }

    /**
     * The bwrap binary for a {@code PINCER_BWRAP} setting: a path as given, or (null/blank) {@code bwrap}
     * found on PATH. A binary that cannot be found resolves to the bare name, which the self-test reports.
     */
    public static Path resolveBinary(String setting) {
        if (setting != null && !setting.isBlank()) {
            return Path.of(setting.strip());
        }
        return HostSystem.findExecutable("bwrap").orElse(Path.of("bwrap"));
    }

    @Override
    public String name() {
        return "bwrap";
    }

    public Path binary() {
        return bwrap;
    }

    public int agentUid() {
        return agentUid;
    }

    public int agentGid() {
        return agentGid;
    }

    private volatile Limits selfTestLimits = Limits.DEFAULT;

    /**
     * Turns the agent's seccomp filter ({@link SeccompFilter}) on (the default) or off, e.g. from
     * {@code PINCER_SECCOMP=off}.
     */
    private String owner = "";

    public void useSeccomp(boolean on) {
        this.seccompWanted = on;
    }

    /** What sandboxes must have to start ({@link IsolationPolicy#STRICT} unless the operator allowed less). */
    /**
     * The Pincer home these sandboxes belong to: it names their cgroups, so the leftovers of this
     * home's killed host are removed at the next start at once.
     */
    public void useOwner(Path home) {
        this.owner = LimitsMechanism.ownerTag(home);
    }

    public void useIsolationPolicy(IsolationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** For tests: the seccomp filter this machine has (null: none, as on an architecture without one). */
    void useSeccompFilter(SeccompFilter filter) {
        this.seccompFilter = filter;
    }

    /** The limits the self-test applies (the configured defaults, so {@code doctor} shows what runs will get). */
    public void useSelfTestLimits(Limits limits) {
        this.selfTestLimits = Objects.requireNonNull(limits, "limits");
    }

    Limits selfTestLimits() {
        return selfTestLimits;
    }

    /** Whether sandboxes get the seccomp filter: wanted and available for this architecture. */
    public boolean seccompActive() {
        return seccompWanted && seccompFilter != null;
    }

    /** Whether sandboxes are started as root with staging and a privilege drop. */
    public boolean dropsPrivileges() {
        return asRoot;
    }

    @Override
    public SelfTest selfTest() {
        SelfTest result = new BwrapSelfTest(this).run();
        if (result.ok()) {
            warnOnce(isolation(selfTestLimits)); // at ./pincer start, before any sandbox
        }
        return result;
    }

    /** Logs, once per runtime, what the operator allowed sandboxes to lack. */
    private void warnOnce(Isolation isolation) {
        List<String> warnings = IsolationPolicy.warnings(isolation);
        if (!warnings.isEmpty() && warned.compareAndSet(false, true)) {
            warnings.forEach(w -> log.warn("WARNING: {}", w));
        }
    }

    /** What a sandbox with {@code limits} gets on this host: seccomp, limits mechanism, host uid. */
    public Isolation isolation(Limits limits) {
        LimitsMechanism m = limitsMechanism();
        Isolation.Seccomp seccomp = !seccompWanted ? Isolation.Seccomp.OFF
                : seccompFilter == null ? Isolation.Seccomp.UNAVAILABLE : Isolation.Seccomp.FILTER;
        return new Isolation(name(), seccomp, new Isolation.Enforcement(m.name(), m.capsSandbox(), limits),
                asRoot ? agentUid : HostSystem.effectiveUid(), asRoot ? agentGid : HostSystem.effectiveGid());
    }

    /** What {@code isolation} lacks of the policy, each with its fix; empty if a sandbox may start. */
    public List<IsolationPolicy.Shortfall> shortfalls(Isolation isolation) {
        return policy.shortfalls(isolation, () -> LimitsAdvice.forThisHost(limitsMechanism()).shortfall());
    }

    /** The isolation of a sandbox with {@code limits}, refused if it lacks what the policy demands. */
    private Isolation checkedIsolation(Limits limits) throws SandboxRefusedException {
        Isolation isolation = isolation(limits);
        List<IsolationPolicy.Shortfall> missing = shortfalls(isolation);
        if (!missing.isEmpty()) {
            throw new SandboxRefusedException(isolation, missing);
        }
        warnOnce(isolation);
        return isolation;
    }

    @Override
    public int removeLeftovers() {
        List<Path> removed = limitsMechanism().removeStale(LEFTOVER_AGE, owner);
        if (!removed.isEmpty()) {
            log.info("removed {} sandbox cgroup(s) a previous Pincer left behind under {}", removed.size(),
                    removed.stream().map(Path::getParent).distinct().toList());
        }
        return removed.size();
    }

    @Override
    public SandboxProcess start(SandboxSpec spec) throws IOException {
        Isolation isolation = checkedIsolation(spec.limits());
        BwrapCommand.Launch launch = launch();
        List<Mount> mounts = BindSources.prepare(spec.plan(), asRoot, agentUid, agentGid);
        List<String> unlimited = BwrapCommand.build(launch, spec, mounts, etcDir(), seccompFile());
        Path logFile = Launcher.openRunLog(spec, mounts, "");
        AppliedLimits limits = limitsMechanism().apply(LimitsMechanism.sandboxName(owner, spec.groupFolder()), spec.limits(),
                spec.timeout());
        List<String> command = BwrapCommand.limited(limits, unlimited);
        log.debug("sandbox command for {}: {}", spec.groupFolder(), command);
        Process process;
        try {
            process = Launcher.start(command, launcherEnv, logFile);
        } catch (IOException | RuntimeException e) {
            limits.release();
            throw e;
        }
        log.info("started sandbox for group {} (pid {}, uid {}, limit {})", spec.groupFolder(), process.pid(),
                agentUid, spec.timeout());
        return new SandboxProcess(spec, process, logFile, limits, isolation);
    }

    /** How this host enforces {@link Limits}, probed on first use (cgroup v2, cgroup v1, prlimit). */
    public synchronized String limitsMechanismName() {
        return limitsMechanism().name();
    }

    /** How this host enforces {@link Limits}, probed on first use. */
    public synchronized LimitsMechanism limitsMechanism() {
        if (limitsMechanism == null) {
            limitsMechanism = LimitsProbe.probe();
            log.info("sandbox limits enforced with {}", limitsMechanism.name());
        }
        return limitsMechanism;
    }

    /** Enforces limits with {@code mechanism} instead of the probed one (tests use the prlimit fallback). */
    public synchronized void useLimitsMechanism(LimitsMechanism mechanism) {
        this.limitsMechanism = Objects.requireNonNull(mechanism, "mechanism");
    }

    BwrapCommand.Launch launch() throws IOException {
        if (!Files.isRegularFile(bwrap) || !Files.isExecutable(bwrap)) {
            throw new NoSuchFileException(bwrap.toString(), null, "bwrap executable not found");
        }
        if (!asRoot) {
            return new BwrapCommand.Launch(bwrap, new AgentUser(agentUid, agentGid), false, stageDir, null, null);
        }
        Path unshare = HostSystem.findExecutable("unshare")
                .orElseThrow(() -> new NoSuchFileException("unshare", null, "util-linux unshare not found"));
        Path setpriv = HostSystem.findExecutable("setpriv")
                .orElseThrow(() -> new NoSuchFileException("setpriv", null, "util-linux setpriv not found"));
        if (!Files.isDirectory(stageDir)) {
            Files.createDirectories(stageDir);
            Files.setPosixFilePermissions(stageDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new BwrapCommand.Launch(bwrap, new AgentUser(agentUid, agentGid), true, stageDir, unshare, setpriv);
    }

    /** The seccomp program next to the etc files, or null when the filter is off. */
    private synchronized Path seccompFile() throws IOException {
        if (!seccompActive()) {
            return null;
        }
        Path file = etcDir().resolve(EtcFiles.SECCOMP);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file
                : EtcFiles.writeSeccomp(etcDir(), seccompFilter.bytes());
    }

    private synchronized Path etcDir() throws IOException {
        if (etcDir == null || !Files.isRegularFile(etcDir.resolve(EtcFiles.PASSWD))) {
            etcDir = EtcFiles.write(agentUid, agentGid);
        }
        return etcDir;
    }
}
