package dev.pincer.agent;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the tests that run the whole agent in-process: each test gets a fresh
 * {@link AgentHarness} in its own temp folder {@link #tmp}, closed after it. A subclass's own
 * {@code @BeforeEach} runs after the harness exists (to set {@code extraEnv}, add folders).
 */
abstract class AgentRunFixture {
    @TempDir
    Path tmp;
    AgentHarness h;

    @BeforeEach
    void openHarness() throws IOException {
        h = new AgentHarness(tmp);
    }

    @AfterEach
    void closeHarness() {
        h.close();
    }
}
