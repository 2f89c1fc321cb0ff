package dev.pincer.host.memory;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.Sql;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full-text search over the memory index, ranked with BM25: passages holding every word and phrase
 * of the query first; when there are none, passages holding any of them. Reads only; the host tool
 * and the operator's command decide the {@link Scope}.
 */
public final class MemorySearch {
    public static final String RANKER = "bm25";
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;
    private static final int SNIPPET_TOKENS = 24;
    private static final Pattern ARCHIVE_DATE = Pattern.compile("(?:.*/)?(\\d{4}-\\d{2}-\\d{2})-[^/]*");
    private static final char MARK = '\u0001';

    private final Database db;

    public MemorySearch(Database db) {
        this.db = db;
    }

    /**
     * The best {@code limit} passages for {@code query} within {@code scope}.
     *
     * @throws IllegalArgumentException for a query without words, or a limit outside 1..{@value #MAX_LIMIT}
     */
    public Results search(Scope scope, String query, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("the limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
        SearchQuery q = SearchQuery.parse(query);
        List<Hit> hits = run(scope, q.allTerms(), limit);
        if (hits.isEmpty() && q.terms().size() > 1) {
            return new Results(RANKER, Results.Match.ANY, run(scope, q.anyTerm(), limit));
        }
        return new Results(RANKER, Results.Match.ALL, hits);
    }

    private List<Hit> run(Scope scope, String match, int limit) {
        String where = switch (scope) {
            case Scope.Group g -> "AND (d.folder = ? OR d.chat_jid = ?)";
            case Scope.Everything e -> "";
        };
        Object[] params = switch (scope) {
            case Scope.Group g -> new Object[] {match, g.folder(), g.chatJid(), limit};
            case Scope.Everything e -> new Object[] {match, limit};
        };
        return db.read(c -> Sql.query(c, """
                SELECT d.kind, d.folder, d.path, d.line, d.chat_jid, d.seq, d.time, d.sender, bm25(memory_fts) AS rank,
                  snippet(memory_fts, 0, '**', '**', '…', %d) AS snip, highlight(memory_fts, 0, char(1), char(2)) AS marked
                FROM memory_fts JOIN memory_docs d ON d.id = memory_fts.rowid
                WHERE memory_fts MATCH ? %s
                ORDER BY rank LIMIT ?""".formatted(SNIPPET_TOKENS, where), MemorySearch::hit, params));
    }

    private static Hit hit(ResultSet rs) throws SQLException {
        Source source = Source.of(rs.getString("kind"));
        Hit.Origin origin = source == Source.MESSAGE
                ? new Hit.Message(rs.getString("chat_jid"), rs.getLong("seq"), Instant.parse(rs.getString("time")), rs.getString("sender"))
                : new Hit.File(source, rs.getString("folder"), rs.getString("path"),
                        rs.getInt("line") + linesBefore(rs.getString("marked")), archiveDate(source, rs.getString("path")));
        String snippet = rs.getString("snip").replaceAll("\\s+", " ").strip();
        return new Hit(origin, snippet, score(rs.getDouble("rank")));
    }

    /** How many lines of the passage come before its first match. */
    private static int linesBefore(String marked) {
        int at = marked.indexOf(MARK);
        return at < 0 ? 0 : (int) marked.substring(0, at).chars().filter(ch -> ch == '\n').count();
    }

    private static String archiveDate(Source source, String path) {
        Matcher m = ARCHIVE_DATE.matcher(path);
        return source == Source.CONVERSATION && m.matches() ? m.group(1) : null;
    }

    /** BM25 as SQLite reports it is lower for better matches; a score is higher for better ones, 4 significant digits. */
    private static double score(double bm25) {
        return bm25 == 0 ? 0 : new BigDecimal(-bm25).round(new MathContext(4)).doubleValue();
    }
}
