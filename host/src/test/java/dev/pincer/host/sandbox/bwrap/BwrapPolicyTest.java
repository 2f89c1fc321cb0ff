package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.sandbox.HostSystem;
import dev.pincer.host.sandbox.Isolation;
import dev.pincer.host.sandbox.IsolationPolicy;
import dev.pincer.host.sandbox.PincerHomeFixture;
import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxRefusedException;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.sandbox.SelfTest;
import dev.pincer.host.sandbox.limits.Prlimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every bwrap sandbox must have before it starts (docs/SECURITY.md, "Sandbox limits, isolation
 * record, leftovers and disk"): per-sandbox limits unless {@code PINCER_ALLOW_UNLIMITED=1}, a seccomp
 * filter unless turned off or allowed absent, never host root; and what it got is reported.
 */
class BwrapPolicyTest extends RealBwrapTest {

    private static boolean root() {
        return HostSystem.effectiveUid() == 0;
    }

    private static Prlimit prlimit() {
        return new Prlimit(HostSystem.findExecutable("prlimit").orElseThrow(), root());
    }

    private SandboxSpec spec(String script) {
        return fx.spec("family", false, List.of("/bin/bash", "-c", script), Duration.ofSeconds(20));
    }

    @Test
    void withoutPerSandboxLimitsNoSandboxStartsAndTheRefusalGivesTheDoctorsReason() throws Exception {
        BwrapRuntime strict = PincerHomeFixture.strictRuntime();
        strict.useLimitsMechanism(prlimit()); // what a host without a writable cgroup offers
        var fx2 = new PincerHomeFixture<>(tmp.resolve("strict"), strict);

        SelfTest doctor = strict.selfTest();
        assertThat(doctor.ok()).isFalse();
        assertThat(doctor.detail()).contains("no memory or process limit of their own").contains("prlimit");
        assertThat(doctor.fix()).contains("PINCER_ALLOW_UNLIMITED=1");
        if (!root()) {
            assertThat(doctor.fix()).contains("run Pincer as root").contains("chown");
        }

        SandboxSpec spec = fx2.spec("family", false, List.of("/bin/sh", "-c", "echo started > started"), Duration.ofSeconds(20));
        assertThatThrownBy(() -> strict.start(spec))
                .isInstanceOf(SandboxRefusedException.class)
                .hasMessageContaining(doctor.detail())
                .hasMessageContaining("PINCER_ALLOW_UNLIMITED=1")
                .satisfies(e -> assertThat(((SandboxRefusedException) e).isolation().limits().mechanism()).startsWith("prlimit"));
        assertThat(fx2.home.resolve("groups/family/started")).doesNotExist();
        assertThat(spec.logFile()).as("nothing was launched").doesNotExist();
    }

    @Test
    void allowUnlimitedStartsItUnderPrlimitAndSaysSo() throws Exception {
        fx.runtime.useLimitsMechanism(prlimit());
        fx.runtime.useIsolationPolicy(new IsolationPolicy(true, false));

        SelfTest doctor = fx.runtime.selfTest();
        assertThat(doctor.ok()).as(doctor.detail()).isTrue();
        assertThat(doctor.detail()).contains("WARNING: sandboxes run without per-sandbox memory and process limits");

        SandboxProcess p = fx.runtime.start(spec("true"));
        assertThat(p.waitFor().succeeded()).isTrue();
        assertThat(p.isolation().limits().capsSandbox()).isFalse();
        assertThat(p.isolation().limits().mechanism()).startsWith("prlimit");
    }

    @Test
    void theMechanismThisHostOffersDecides() throws Exception {
        BwrapRuntime strict = PincerHomeFixture.strictRuntime();
        var fx2 = new PincerHomeFixture<>(tmp.resolve("host"), strict);
        SandboxSpec spec = fx2.spec("family", false, List.of("/bin/sh", "-c", "true"), Duration.ofSeconds(20));
        if (strict.limitsMechanism().capsSandbox()) {
            SandboxProcess p = strict.start(spec);
            assertThat(p.waitFor().succeeded()).isTrue();
            assertThat(p.isolation().limits().mechanism()).startsWith("cgroup v");
            assertThat(strict.selfTest().ok()).isTrue();
        } else {
            System.out.println("no per-sandbox limits for uid " + HostSystem.effectiveUid() + ": " + strict.limitsMechanismName());
            assertThat(root()).as("as root this host must offer cgroups").isFalse();
            assertThatThrownBy(() -> strict.start(spec)).isInstanceOf(SandboxRefusedException.class)
                    .hasMessageContaining("PINCER_ALLOW_UNLIMITED=1");
        }
    }

    @Test
    void withoutAFilterForTheArchitectureNoSandboxStartsUnlessAllowed() throws Exception {
        fx.runtime.useSeccompFilter(null); // as on an architecture Pincer has no filter for
        SelfTest doctor = fx.runtime.selfTest();
        assertThat(doctor.ok()).isFalse();
        assertThat(doctor.detail()).contains("no seccomp filter for this machine's architecture");
        assertThat(doctor.fix()).contains("PINCER_ALLOW_NO_SECCOMP=1");
        assertThatThrownBy(() -> fx.runtime.start(spec("true"))).isInstanceOf(SandboxRefusedException.class)
                .hasMessageContaining("PINCER_ALLOW_NO_SECCOMP=1");

        fx.runtime.useIsolationPolicy(new IsolationPolicy(!fx.runtime.limitsMechanism().capsSandbox(), true));
        SandboxProcess p = fx.runtime.start(spec("sed -n 's/^Seccomp:[[:space:]]*//p' /proc/self/status > seccomp"));
        assertThat(p.waitFor().succeeded()).isTrue();
        assertThat(p.isolation().seccomp()).isEqualTo(Isolation.Seccomp.UNAVAILABLE);
        assertThat(fx.home.resolve("groups/family/seccomp")).hasContent("0\n");
        assertThat(fx.runtime.selfTest().detail()).contains("WARNING: sandboxes run without a seccomp filter");
    }

    @Test
    void seccompOffIsTheOperatorsConsentAndIsRecorded() throws Exception {
        fx.runtime.useSeccomp(false);
        SandboxProcess p = fx.runtime.start(spec("true"));
        assertThat(p.waitFor().succeeded()).isTrue();
        assertThat(p.isolation().seccomp()).isEqualTo(Isolation.Seccomp.OFF);
    }

    @Test
    void theIsolationNamesTheRuntimeSeccompLimitsAndTheHostUidItsFilesBelongTo() throws Exception {
        SandboxProcess p = fx.runtime.start(fx.spec("family", false, List.of("/bin/sh", "-c", "id -u > uid"), Duration.ofSeconds(20))
                .withLimits(new dev.pincer.host.sandbox.Limits(300, 99, 0.5)));
        assertThat(p.waitFor().succeeded()).isTrue();
        Isolation i = p.isolation();
        assertThat(i.runtime()).isEqualTo("bwrap");
        assertThat(i.seccomp()).isEqualTo(Isolation.Seccomp.FILTER);
        assertThat(i.limits().values()).isEqualTo(new dev.pincer.host.sandbox.Limits(300, 99, 0.5));
        assertThat(i.limits().mechanism()).isEqualTo(fx.runtime.limitsMechanismName());
        Path uid = fx.home.resolve("groups/family/uid");
        assertThat(i.uid()).isEqualTo(root() ? BwrapRuntime.DEFAULT_AGENT_UID : HostSystem.effectiveUid())
                .isEqualTo(Files.getAttribute(uid, "unix:uid")).isNotZero();
        assertThat(i.gid()).isNotZero();
        assertThat(i.describe()).contains("bwrap, seccomp filter, limits ").contains("uid " + i.uid() + ":" + i.gid());
    }
}
