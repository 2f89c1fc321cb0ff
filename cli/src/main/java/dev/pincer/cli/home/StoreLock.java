package dev.pincer.cli.home;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Whether the store is in use: a running Pincer (or any other process) holds it open. Asked by
 * taking SQLite's exclusive lock for a moment, which fails while another connection has the
 * database open in WAL mode.
 */
public final class StoreLock {
    private StoreLock() {}

    /** Why the database at {@code file} is in use, or empty when nothing holds it (or it does not exist). */
    public static Optional<String> inUse(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 500");
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("COMMIT");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("the store " + file + " is in use (" + e.getMessage() + "); is Pincer running?");
        }
    }
}
