package dev.pincer.web;

import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test against a fresh {@link TestHost} in its own temp folder: started before each test, closed after it. */
abstract class WebHostTest {

    @TempDir
    Path dir;

    @AutoClose
    TestHost host;

    @BeforeEach
    void startHost() throws Exception {
        host = new TestHost(dir);
    }
}
