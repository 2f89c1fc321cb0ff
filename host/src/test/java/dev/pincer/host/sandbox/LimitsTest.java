package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The limits values: ranges, overrides, the CPU quota and the doctor line. */
class LimitsTest {

    @Test
    void limitsValidateAndTakeOverrides() {
        assertThat(Limits.DEFAULT).isEqualTo(new Limits(1024, 256, 1.0));
        assertThat(Limits.DEFAULT.with(null, 64, null)).isEqualTo(new Limits(1024, 64, 1.0));
        assertThat(new Limits(128, 64, 0.5).cpuQuotaUs()).isEqualTo(50_000);
        assertThat(Limits.DEFAULT.describe()).isEqualTo("memory 1024 MiB, pids 256, cpu 1.0");
        assertThatThrownBy(() -> new Limits(8, 64, 1)).hasMessageContaining("memory");
        assertThatThrownBy(() -> new Limits(128, 2, 1)).hasMessageContaining("pids");
        assertThatThrownBy(() -> new Limits(128, 64, 0)).hasMessageContaining("cpus");
        assertThatThrownBy(() -> new Limits(128, 64, Double.NaN)).hasMessageContaining("cpus");
    }
}
