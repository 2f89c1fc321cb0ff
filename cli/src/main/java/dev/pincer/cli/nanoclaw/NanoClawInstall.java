package dev.pincer.cli.nanoclaw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A NanoClaw (v1) install as it is on disk: {@code store/messages.db} with its
 * {@code registered_groups} and {@code scheduled_tasks} (columns added by later versions are read
 * when present), its {@code groups/<folder>/} folders, and its mount allowlist. Read-only.
 */
record NanoClawInstall(Path root, List<Group> groups, List<Task> tasks, long messages) {

    /** A registered group; {@code containerConfig} is its JSON text or null. */
    record Group(String jid, String name, String folder, Trigger trigger, boolean isMain, String containerConfig) {}

    /** The group's trigger word, and whether a message must start with it. */
    record Trigger(String word, boolean required) {}

    /** A scheduled task; {@code script} (a pre-task script of later versions) may be null. */
    record Task(String id, String folder, String chatJid, Spec spec, String status, String script) {}

    /** What a task asks and when. */
    record Spec(String prompt, String scheduleType, String scheduleValue, String contextMode) {}

    static NanoClawInstall read(Path root) throws IOException {
        Path db = root.resolve("store/messages.db");
        if (!Files.isRegularFile(db)) {
            String hint = Files.isRegularFile(root.resolve("data/v2.db"))
                    ? " (this looks like NanoClaw v2, data/v2.db; only v1 installs with store/messages.db can be imported)"
                    : " (give the folder NanoClaw runs in: it holds store/ and groups/)";
            throw new IOException("no NanoClaw store at " + db + hint);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro")) {
            return new NanoClawInstall(root, groups(c), tasks(c), count(c, "messages"));
        } catch (SQLException e) {
            throw new IOException("cannot read NanoClaw's store " + db + ": " + e.getMessage(), e);
        }
    }

    /** The folder of group {@code folder}: {@code groups/<folder>}. */
    Path groupDir(String folder) {
        return root.resolve("groups").resolve(folder);
    }

    private static List<Group> groups(Connection c) throws SQLException {
        return rows(c, "registered_groups", "added_at", (rs, cols) -> {
            String folder = rs.getString("folder");
            return new Group(rs.getString("jid"), rs.getString("name"), folder, new Trigger(text(rs, cols, "trigger_pattern"),
                    !cols.contains("requires_trigger") || rs.getObject("requires_trigger") == null || rs.getInt("requires_trigger") != 0),
                    cols.contains("is_main") ? rs.getInt("is_main") == 1 : "main".equals(folder),
                    text(rs, cols, "container_config"));
        });
    }

    private static List<Task> tasks(Connection c) throws SQLException {
        return rows(c, "scheduled_tasks", "created_at", (rs, cols) -> new Task(rs.getString("id"), rs.getString("group_folder"),
                rs.getString("chat_jid"),
                new Spec(rs.getString("prompt"), rs.getString("schedule_type"), rs.getString("schedule_value"),
                        text(rs, cols, "context_mode")),
                text(rs, cols, "status") == null ? "active" : rs.getString("status"), text(rs, cols, "script")));
    }

    /** One row read into a value; {@code cols} are the table's columns (lower case), which differ between versions. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs, Set<String> cols) throws SQLException;
    }

    /** Every row of {@code table} in {@code orderBy} order, each read by {@code reader}; none when an older version lacks the table. */
    private static <T> List<T> rows(Connection c, String table, String orderBy, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        if (!tableExists(c, table)) {
            return out;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + orderBy)) {
            Set<String> cols = columns(rs);
            while (rs.next()) {
                out.add(reader.read(rs, cols));
            }
        }
        return out;
    }

    private static long count(Connection c, String table) throws SQLException {
        if (!tableExists(c, table)) {
            return 0;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Set<String> columns(ResultSet rs) throws SQLException {
        Set<String> out = new HashSet<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            out.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String text(ResultSet rs, Set<String> cols, String column) throws SQLException {
        if (!cols.contains(column)) {
            return null;
        }
        String v = rs.getString(column);
        return v == null || v.isBlank() ? null : v;
    }
}
