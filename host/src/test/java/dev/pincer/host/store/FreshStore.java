package dev.pincer.host.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of a test that needs a fresh store: the database {@code store/pincer.db} in a temporary
 * folder, opened (and migrated) before each test and closed after it. A subclass builds its stores
 * over {@link #db} in its own {@code @BeforeEach}, which JUnit runs after this one.
 */
public abstract class FreshStore {

    @TempDir protected Path dir;
    protected Database db;

    @BeforeEach
    final void openStore() {
        db = Database.open(dir.resolve("store/pincer.db"));
    }

    @AfterEach
    final void closeStore() {
        db.close();
    }

    /** Closes the database and opens it again, as a restarted Pincer would. */
    protected final void reopen() {
        db.close();
        db = Database.open(dir.resolve("store/pincer.db"));
    }
}
