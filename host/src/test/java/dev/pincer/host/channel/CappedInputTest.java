package dev.pincer.host.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CappedInputTest {

    @Test
    void aLargerDownloadEndsOneByteAfterTheCap() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream source = new ByteArrayInputStream(new byte[10_000]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        try (InputStream in = CappedInput.of(source, 1000)) {
            assertThat(in.readAllBytes()).hasSize(1001);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(closed).as("closing it closes the download").isTrue();
    }

    @Test
    void aSmallerOneIsReadWhole() throws Exception {
        byte[] data = {1, 2, 3};
        try (InputStream in = CappedInput.of(new ByteArrayInputStream(data), 3)) {
            assertThat(in.read()).isEqualTo(1);
            assertThat(in.readAllBytes()).containsExactly(2, 3);
        }
    }
}
