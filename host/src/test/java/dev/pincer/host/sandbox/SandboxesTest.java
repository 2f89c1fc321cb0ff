package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.sandbox.bwrap.BwrapRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxesTest {

    /** A runtime with a canned self-test: selection logic needs no real sandbox. */
    record Canned(String name, SelfTest result) implements SandboxRuntime {
        @Override
        public SelfTest selfTest() {
            return result;
        }

        @Override
        public SandboxProcess start(SandboxSpec spec) {
            throw new UnsupportedOperationException("canned");
        }
    }

    @Test
    void autoPicksTheRealBwrapWhenItWorks() {
        SandboxRuntime chosen = Sandboxes.select("auto", List.of(PincerHomeFixture.realRuntime()));
        assertThat(chosen.name()).isEqualTo("bwrap");
    }

    @Test
    void autoFailsListingEveryRuntimesReasonWhenNoneWorks() {
        var broken = new BwrapRuntime(Path.of("/nonexistent/bwrap"), 60000, 60000, BwrapRuntime.DEFAULT_STAGE_DIR);
        assertThatThrownBy(() -> Sandboxes.select(null, List.of(broken)))
                .isInstanceOf(Sandboxes.NoSandboxException.class)
                .hasMessageContaining("PINCER_SANDBOX=auto")
                .hasMessageContaining("bwrap: bwrap executable not found at /nonexistent/bwrap")
                .hasMessageContaining("apt-get install -y bubblewrap")
                .hasMessageContaining("docker: not implemented yet")
                .hasMessageContaining("podman: not implemented yet")
                .hasMessageContaining("apple-container: not implemented yet")
                .satisfies(e -> assertThat(((Sandboxes.NoSandboxException) e).attempts()).hasSize(4));
    }

    @Test
    void anExplicitSettingTriesOnlyThatRuntime() {
        var ok = new Canned("bwrap", SelfTest.passed("fine"));
        assertThatThrownBy(() -> Sandboxes.select("docker", List.of(ok)))
                .isInstanceOf(Sandboxes.NoSandboxException.class)
                .hasMessageContaining("docker: not implemented yet")
                .hasMessageNotContaining("- bwrap");
        assertThat(Sandboxes.select("BWRAP", List.of(ok))).isSameAs(ok);
    }

    @Test
    void autoTakesTheFirstWorkingRuntimeInOrder() {
        var bwrap = new Canned("bwrap", SelfTest.failed("no userns", "sysctl"));
        var podman = new Canned("podman", SelfTest.passed("fine"));
        assertThat(Sandboxes.select("auto", List.of(podman, bwrap))).isSameAs(podman);
        assertThat(Sandboxes.probe("auto", List.of(podman, bwrap))).extracting(Sandboxes.Attempt::name)
                .containsExactly("bwrap", "docker", "podman", "apple-container");
    }

    @Test
    void anUnknownSettingIsRejected() {
        assertThatThrownBy(() -> Sandboxes.select("chroot", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown PINCER_SANDBOX value 'chroot'");
    }
}
