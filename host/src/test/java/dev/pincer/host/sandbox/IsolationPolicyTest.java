package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.Isolation.Enforcement;
import dev.pincer.host.sandbox.Isolation.Seccomp;
import dev.pincer.host.sandbox.IsolationPolicy.Shortfall;
import org.junit.jupiter.api.Test;

/** What the policy demands of a sandbox, and what the operator may waive. */
class IsolationPolicyTest {
    private static final Shortfall NO_LIMITS = new Shortfall("no per-sandbox limits here", "delegate a cgroup");

    private static Isolation isolation(Seccomp seccomp, boolean caps, int uid) {
        return new Isolation("bwrap", seccomp, new Enforcement(caps ? "cgroup v1" : "prlimit", caps, Limits.DEFAULT), uid, uid);
    }

    @Test
    void strictDemandsLimitsAndAFilter() {
        assertThat(IsolationPolicy.STRICT.shortfalls(isolation(Seccomp.FILTER, true, 60000), () -> NO_LIMITS)).isEmpty();
        assertThat(IsolationPolicy.STRICT.shortfalls(isolation(Seccomp.FILTER, false, 60000), () -> NO_LIMITS))
                .containsExactly(NO_LIMITS);
        assertThat(IsolationPolicy.STRICT.shortfalls(isolation(Seccomp.UNAVAILABLE, true, 60000), () -> NO_LIMITS))
                .singleElement().extracting(Shortfall::fix).asString().contains("PINCER_ALLOW_NO_SECCOMP=1");
        // turning the filter off is the operator's own choice; an engine's profile is the container's filter
        assertThat(IsolationPolicy.STRICT.shortfalls(isolation(Seccomp.OFF, true, 60000), () -> NO_LIMITS)).isEmpty();
        assertThat(IsolationPolicy.STRICT.shortfalls(isolation(Seccomp.ENGINE_DEFAULT, true, 60000), () -> NO_LIMITS)).isEmpty();
    }

    @Test
    void theOperatorMayWaiveLimitsAndAMissingFilterButNeverRoot() {
        IsolationPolicy lax = new IsolationPolicy(true, true);
        assertThat(lax.shortfalls(isolation(Seccomp.UNAVAILABLE, false, 60000), () -> NO_LIMITS)).isEmpty();
        assertThat(lax.shortfalls(isolation(Seccomp.FILTER, true, 0), () -> NO_LIMITS))
                .singleElement().extracting(Shortfall::why).asString().contains("never runs agents as root");
        assertThat(IsolationPolicy.warnings(isolation(Seccomp.UNAVAILABLE, false, 60000)))
                .anyMatch(w -> w.contains("PINCER_ALLOW_UNLIMITED=1")).anyMatch(w -> w.contains("PINCER_ALLOW_NO_SECCOMP=1"));
        assertThat(IsolationPolicy.warnings(isolation(Seccomp.FILTER, true, 60000))).isEmpty();
    }
}
