package dev.pincer.host.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Schema migrations, applied by name at start. A migration, once released, never changes: add a
 * new one instead. Each runs in its own transaction together with its bookkeeping row.
 */
final class Migrations {
    private Migrations() {}

    record Migration(String name, String sql) {}

    /** The migrations in the order they apply: {@code migrations/<name>.sql} beside this class, one statement per {@code ;}. */
    static final List<Migration> ALL = Stream.of("001-core",
            "002-tasks",
            "003-isolated-runs",
            "004-usage",
            "006-isolation",
            "007-channels",
            "008-outbox-given-up",
            "009-media",
            "010-memory",
            "011-run-tools")
            .map(Migrations::load).toList();

    private static Migration load(String name) {
        String resource = "migrations/" + name + ".sql";
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the host jar lacks " + resource);
            }
            return new Migration(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void apply(Database db) {
        db.tx(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
            }
            return null;
        });
        Set<String> done = db.read(c -> {
            Set<String> names = new HashSet<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM schema_migrations")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
        for (Migration m : ALL) {
            if (done.contains(m.name())) {
                continue;
            }
            db.tx(c -> {
                for (String statement : m.sql().split(";")) {
                    if (!statement.isBlank()) {
                        try (var s = c.createStatement()) {
                            s.executeUpdate(statement);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)")) {
                    ps.setString(1, m.name());
                    ps.setString(2, Instant.now().toString());
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** Names of applied migrations, for tests and {@code doctor}. */
    static List<String> applied(Database db) throws SQLException {
        return db.read(c -> {
            List<String> names = new java.util.ArrayList<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM schema_migrations ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }
}
