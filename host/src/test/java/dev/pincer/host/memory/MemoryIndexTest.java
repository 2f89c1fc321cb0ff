package dev.pincer.host.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory index on a real SQLite store and real group folders: what is indexed, how it ranks, who sees what. */
class MemoryIndexTest {

    @TempDir Path home;
    Path groups;
    Database db;
    MessageStore messages;
    MemoryIndex index;
    MemorySearch search;

    static final Scope MAIN = new Scope.Group("main", "web:main");
    static final Scope FAMILY = new Scope.Group("family", "web:family");

    @BeforeEach
    void open() throws IOException {
        groups = home.resolve("groups");
        Files.createDirectories(groups.resolve("main"));
        Files.createDirectories(groups.resolve("family"));
        db = Database.open(home.resolve("store/pincer.db"));
        messages = new MessageStore(db);
        index = MemoryIndex.open(db, groups, messages);
        search = index.search();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Path write(String folder, String path, String text) throws IOException {
        Path file = groups.resolve(folder).resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private List<Hit> hits(Scope scope, String query) {
        return search.search(scope, query, 10).hits();
    }

    private long count(String sql) {
        Long n = db.read(c -> Sql.number(c, sql));
        return n;
    }

    private static String where(Hit h) {
        return switch (h.origin()) {
            case Hit.File f -> f.source().wireName() + " " + f.folder() + "/" + f.path() + ":" + f.line();
            case Hit.Message m -> "message " + m.chat() + "#" + m.seq();
        };
    }

    @Test
    void theBestPassageRanksFirstWithItsLineDateAndSnippet() throws IOException {
        write("main", "notes/boat.md", "# Mooring\n\nOur boat is moored at pier 7.\nThe boat needs paint.\n");
        write("main", "notes/diary.md", "A long day. " + "We walked and talked about many things. ".repeat(30)
                + "Someone mentioned a boat once.\n");
        write("main", "conversations/2026-12-01-trip-planning.md",
                "# Conversation archived 2026-12-01 10:00\n\n## User\n\nPlan the trip.\n\n## Assistant\n\nThe ferry to the island leaves at 9.\n");
        assertThat(index.refresh("main")).isEqualTo(new MemoryIndex.Refresh(3, 0, 0));

        Results boat = search.search(MAIN, "boat", 10);
        assertThat(boat.ranker()).isEqualTo("bm25");
        assertThat(boat.match()).isEqualTo(Results.Match.ALL);
        assertThat(boat.hits()).extracting(MemoryIndexTest::where)
                .containsExactly("note main/notes/boat.md:3", "note main/notes/diary.md:1");
        assertThat(boat.hits().get(0).score()).isGreaterThan(boat.hits().get(1).score()).isPositive();
        assertThat(boat.hits().get(0).snippet()).contains("Our **boat** is moored at pier 7").doesNotContain("\n");

        Hit ferry = hits(MAIN, "ferry island").getFirst();
        assertThat(ferry.origin()).isEqualTo(new Hit.File(Source.CONVERSATION, "main",
                "conversations/2026-12-01-trip-planning.md", 9, "2026-12-01"));
        assertThat(ferry.snippet()).contains("**ferry** to the **island**");
    }

    @Test
    void withoutAPassageHoldingEveryWordAnyWordMatchesAndPhrasesAndPrefixesWork() throws IOException {
        write("main", "notes/boat.md", "Our boat is moored at pier 7.\n");
        write("main", "notes/garden.md", "The roses in the garden need water.\n");
        index.refresh("main");

        Results either = search.search(MAIN, "boat roses", 10);
        assertThat(either.match()).isEqualTo(Results.Match.ANY);
        assertThat(either.hits()).hasSize(2);
        assertThat(search.search(MAIN, "boat pier", 10).hits()).extracting(MemoryIndexTest::where).containsExactly("note main/notes/boat.md:1");
        assertThat(hits(MAIN, "\"moored at pier\"")).hasSize(1);
        assertThat(hits(MAIN, "\"pier at moored\"")).isEmpty();
        assertThat(hits(MAIN, "moor*")).hasSize(1);
        assertThat(hits(MAIN, "gardens")).as("stemmed").hasSize(1);
    }

    @Test
    void operatorCharactersCannotBreakTheQuery() throws IOException {
        write("main", "notes/boat.md", "Our boat is moored at pier 7. Don't forget: NEAR the café.\n");
        index.refresh("main");
        for (String q : List.of("-boat", "boat\" OR \"x", "NOT boat", "NEAR(boat pier)", "boat:", "(boat", "boat)",
                "boat AND", "^boat", "\"boat", "pier*7", "{boat}", "boat'; DROP TABLE memory_docs; --", "don't", "cafe", "boat + pier")) {
            assertThat(hits(MAIN, q)).as(q).extracting(MemoryIndexTest::where).containsExactly("note main/notes/boat.md:1");
        }
        assertThat(hits(MAIN, "body:boat")).as("a phrase 'body boat', not a column filter").isEmpty();
        assertThatThrownBy(() -> hits(MAIN, "\" ( * -")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no words");
        assertThatThrownBy(() -> search.search(MAIN, "boat", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(count("SELECT COUNT(*) FROM memory_docs")).isPositive();
    }

    @Test
    void aGroupSeesOnlyItsOwnFilesAndChatEverythingSeesAll() throws IOException {
        write("main", "CLAUDE.md", "# Memory\n\nThe owner's bike lock code is 4711.\n");
        write("family", "notes/safe.md", "The family safe code is 1234.\n");
        write("family", "agents/researcher/MEMORY.md", "Researcher remembers: the code word is pelican.\n");
        messages.append("web:main", "web", "Main", "m1", "Owner", "The wifi code is swordfish", false, Instant.now());
        messages.append("web:family", "web", "Family", "f1", "Sam", "Grandma's code is hidden", false, Instant.now());
        index.refresh("main");
        index.refresh("family");

        assertThat(hits(MAIN, "code")).extracting(MemoryIndexTest::where)
                .containsExactlyInAnyOrder("memory main/CLAUDE.md:3", "message web:main#1");
        assertThat(hits(FAMILY, "code")).extracting(MemoryIndexTest::where).containsExactlyInAnyOrder(
                "note family/notes/safe.md:1", "memory family/agents/researcher/MEMORY.md:1", "message web:family#1");
        assertThat(hits(FAMILY, "swordfish")).isEmpty();
        assertThat(hits(FAMILY, "bike lock")).isEmpty();
        assertThat(hits(MAIN, "pelican")).isEmpty();
        assertThat(hits(new Scope.Everything(), "code")).hasSize(5);
        Hit message = hits(MAIN, "swordfish").getFirst();
        assertThat(message.origin()).isInstanceOfSatisfying(Hit.Message.class, m -> {
            assertThat(m.sender()).isEqualTo("Owner");
            assertThat(m.seq()).isEqualTo(1);
        });
    }

    @Test
    void messagesStoredBeforeTheIndexExistedAreCaughtUpOnce() {
        db.close();
        db = Database.open(home.resolve("store/pincer.db"));
        MessageStore plain = new MessageStore(db); // no index listening
        plain.append("web:main", "web", "Main", "old", "Owner", "The plumber comes on Tuesday", false, Instant.now());
        assertThat(new MemorySearch(db).search(MAIN, "plumber", 10).hits()).isEmpty();

        MemoryIndex reopened = MemoryIndex.open(db, groups, plain);
        assertThat(reopened.search().search(MAIN, "plumber", 10).hits()).hasSize(1);
        assertThat(reopened.catchUpMessages()).isZero();
        plain.append("web:main", "web", "Main", "new", "Owner", "The plumber was late", false, Instant.now());
        assertThat(reopened.search().search(MAIN, "plumber", 10).hits()).hasSize(2);
    }

    @Test
    void changedFilesAreReindexedUnchangedSkippedRemovedDropped() throws IOException {
        Path note = write("main", "notes/plan.md", "Paint the fence blue.\n");
        write("main", "notes/keep.md", "Nothing changes here.\n");
        index.refresh("main");
        assertThat(hits(MAIN, "fence")).hasSize(1);

        Files.writeString(note, "Paint the shed green.\n");
        Files.setLastModifiedTime(note, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(index.refresh("main")).isEqualTo(new MemoryIndex.Refresh(1, 0, 1));
        assertThat(hits(MAIN, "fence")).isEmpty();
        assertThat(hits(MAIN, "shed")).hasSize(1);

        assertThat(index.refresh("main")).isEqualTo(new MemoryIndex.Refresh(0, 0, 2));

        Files.delete(note);
        assertThat(index.refresh("main")).isEqualTo(new MemoryIndex.Refresh(0, 1, 1));
        assertThat(hits(MAIN, "shed")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM memory_fts WHERE rowid NOT IN (SELECT id FROM memory_docs)")).as("no orphan text").isZero();
    }

    @Test
    void linksAreNeverFollowedAndOnlyRegularTextFilesAreRead() throws Exception {
        Path outside = Files.createDirectories(home.resolve("outside"));
        Files.writeString(outside.resolve("secret.md"), "The host secret is aardvark.\n");
        write("family", "notes/real.md", "A real note about otters.\n");
        Files.createSymbolicLink(groups.resolve("family/notes/link.md"), outside.resolve("secret.md"));
        Files.createSymbolicLink(groups.resolve("family/notes/dir"), outside);
        Files.createSymbolicLink(groups.resolve("family/conversations"), outside);
        Files.createSymbolicLink(groups.resolve("family/CLAUDE.md"), outside.resolve("secret.md"));
        Files.createDirectories(groups.resolve("family/agents"));
        Files.createSymbolicLink(groups.resolve("family/agents/spy"), outside);
        Files.write(groups.resolve("family/notes/image.md"), new byte[] {'a', 'a', 'r', 'd', 'v', 'a', 'r', 'k', 0, 1, 2});
        Process mkfifo = new ProcessBuilder("mkfifo", groups.resolve("family/notes/pipe.md").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        MemoryIndex.Refresh r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> index.refresh("family"));
        assertThat(hits(FAMILY, "otters")).hasSize(1);
        assertThat(hits(new Scope.Everything(), "aardvark")).isEmpty();
        assertThat(r.indexed()).as("real.md, and image.md remembered as not text").isEqualTo(2);
    }

    @Test
    void aFileIsReadUpToOneMebibyte() throws IOException {
        String head = "The beginning mentions a walrus.\n";
        String filler = ("filler text line\n").repeat((GroupFiles.MAX_BYTES / 17) + 10);
        write("main", "notes/big.md", head + filler + "The end mentions a narwhal.\n");
        index.refresh("main");
        assertThat(hits(MAIN, "walrus")).hasSize(1);
        assertThat(hits(MAIN, "narwhal")).isEmpty();
    }
}
