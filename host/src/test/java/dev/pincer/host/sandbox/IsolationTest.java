package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.Isolation.Seccomp;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a sandbox got, as stored in the run row and shown in logs. */
class IsolationTest {

    @Test
    void seccompLabelsAreTheStoredValues() {
        // run rows written by earlier versions hold these; RunLedger reads them back by label
        assertThat(Arrays.stream(Seccomp.values()).map(Seccomp::label)).containsExactly("filter", "engine default", "off", "unavailable");
    }

    @Test
    void describeNamesEverything() {
        Isolation i = new Isolation("bwrap", Seccomp.ENGINE_DEFAULT, new Isolation.Enforcement("prlimit", false, Limits.DEFAULT), 60000, 60001);
        assertThat(i.describe()).startsWith("bwrap, seccomp engine default, limits prlimit (")
                .endsWith("; not per sandbox), uid 60000:60001");
    }
}
