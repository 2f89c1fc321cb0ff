package dev.pincer.host.sandbox.bwrap;

import dev.pincer.host.sandbox.PincerHomeFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests against real bubblewrap: each gets a fresh PINCER_HOME ({@link PincerHomeFixture}) in a
 * {@code @TempDir}, which is a 0700 directory under /tmp, so as root every run also exercises the
 * staging of bind sources.
 */
abstract class RealBwrapTest {
    @TempDir
    Path tmp;
    PincerHomeFixture<BwrapRuntime> fx;

    @BeforeEach
    void freshHome() throws Exception {
        fx = new PincerHomeFixture<>(tmp, PincerHomeFixture.realRuntime());
    }
}
