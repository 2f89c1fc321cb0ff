package dev.pincer.host.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite database: one connection, WAL, {@code busy_timeout}, IMMEDIATE write transactions.
 * All access goes through {@link #tx} or {@link #read}, which serialise on one lock; a personal
 * assistant writes a few rows per message, so one writer is plenty and keeps reasoning simple.
 * Other processes (the CLI) may open the same file; {@code busy_timeout} makes them wait.
 */
public final class Database implements AutoCloseable {

    /** Work done with the connection inside a transaction or read. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating if needed) the database at {@code file} and applies migrations. */
    public static Database open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Properties p = new Properties();
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "NORMAL");
            p.setProperty("busy_timeout", "5000");
            p.setProperty("foreign_keys", "true");
            p.setProperty("transaction_mode", "IMMEDIATE");
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
            Database db = new Database(c);
            Migrations.apply(db);
            return db;
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open the database at " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one IMMEDIATE transaction; commits on success, rolls back on any failure. */
    public <T> T tx(Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs read-only {@code work} outside an explicit transaction. */
    public <T> T read(Work<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }


    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing the database failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
