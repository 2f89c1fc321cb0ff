package dev.pincer.host.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code additionalMounts} field of a group config. */
class GroupConfigMountsTest {

    @Test
    void parsesRequestsWithReadOnlyAsTheDefaultAndRoundTrips() {
        GroupConfig c = GroupConfig.parse("""
                {"additionalMounts": [{"hostPath": "~/projects/x", "containerPath": "x"},
                                      {"hostPath": "/srv/data", "readonly": false}]}""");
        assertThat(c.additionalMounts()).hasSize(2);
        assertThat(c.additionalMounts().get(0).wantsReadOnly()).isTrue();
        assertThat(c.additionalMounts().get(1).wantsReadOnly()).isFalse();
        assertThat(c.additionalMounts().get(1).containerPath()).isNull();
        assertThat(GroupConfig.parse(c.toJson())).isEqualTo(c);
        assertThat(GroupConfig.parse("{}").additionalMounts()).isEmpty();
    }

    @Test
    void refusesAMountWithoutHostPathOrWithUnknownFields() {
        assertThatThrownBy(() -> GroupConfig.parse("{\"additionalMounts\": [{\"containerPath\": \"x\"}]}"))
                .hasMessageContaining("hostPath");
        assertThatThrownBy(() -> GroupConfig.parse("{\"additionalMounts\": [{\"hostPath\": \"/x\", \"rw\": true}]}"))
                .hasMessageContaining("rw");
    }
}
