package dev.pincer.host.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepliesTest {
    @Test
    void stripsInternalBlocksIncludingUnclosedOnes() {
        assertThat(Replies.strip("<internal>thinking</internal>Hello")).isEqualTo("Hello");
        assertThat(Replies.strip("A <INTERNAL>x\ny</INTERNAL> B <internal>z</internal>")).isEqualTo("A  B");
        assertThat(Replies.strip("visible <internal>never closed")).isEqualTo("visible");
        assertThat(Replies.strip("<internal>only</internal>")).isEmpty();
        assertThat(Replies.strip(null)).isEmpty();
    }
}
