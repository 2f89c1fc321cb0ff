package dev.pincer.host.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The names a memory source is stored under in the index and shown as in results: pinned, existing indexes hold them. */
class SourceTest {

    @Test
    void wireNamesAreStableAndReadBack() {
        assertThat(Arrays.stream(Source.values()).map(Source::wireName)).containsExactly("conversation", "memory", "note", "message");
        for (Source s : Source.values()) {
            assertThat(Source.of(s.wireName())).isEqualTo(s);
        }
    }

    @Test
    void anUnknownNameInTheIndexIsAnError() {
        assertThatThrownBy(() -> Source.of("diary")).isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown memory source 'diary' in the index");
    }
}
