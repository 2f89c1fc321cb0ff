package dev.pincer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostProcessTest {

    @Test
    void itsStringNeverShowsTheWebToken() {
        HostProcess host = new HostProcess(Path.of("/tmp/bench-home"), null, 43121, "web-token-s3cret");

        assertThat(host.toString()).doesNotContain("web-token-s3cret").contains("/tmp/bench-home", "43121", "****");
    }
}
