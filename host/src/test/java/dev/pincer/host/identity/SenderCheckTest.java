package dev.pincer.host.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.config.Layout;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.identity.SenderCheck.Verdict;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who an agent may speak as, against a real store: people who wrote in the chat, registered
 * groups, the assistant itself, lookalikes of each, and the group's agent definitions.
 */
class SenderCheckTest {

    @TempDir Path home;
    Database db;
    MessageStore messages;
    SenderCheck check;

    @BeforeEach
    void open() {
        Layout layout = new Layout(home);
        db = Database.open(layout.database());
        messages = new MessageStore(db);
        GroupStore groups = new GroupStore(db);
        GroupRegistry registry = new GroupRegistry(groups, layout, "Andy");
        registry.ensureDefaults();
        registry.register(new Group("family", "web:family", "Family", new Group.Trigger("@Andy", true), false, "{}"));
        registry.register(new Group("book-club", "web:books", "Readers United", new Group.Trigger("@Andy", true), false, "{}"));
        for (String person : List.of("Bob", "Mary", "Al", "Ca\u200Brol", "Zoë")) {
            say("web:family", person);
        }
        say("web:books", "Eve");
        check = new SenderCheck("Andy", layout, groups, messages);
    }

    private void say(String chat, String person) {
        messages.append(chat, "web", null, UUID.randomUUID().toString(), person, "hello", false, Instant.now());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Verdict family(String sender) {
        return check.check("family", "web:family", sender);
    }

    private void assertRefused(String sender, String auditSays) {
        assertThat(family(sender)).as("sender %s", sender).isInstanceOfSatisfying(Verdict.Refused.class, r -> {
            assertThat(r.detail()).contains(auditSays);
            assertThat(r.reason()).as("the agent is not told whose name it is").doesNotContain(auditSays);
        });
    }

    @Test
    void noSenderIsTheAssistantAndARoleNameIsTidied() {
        assertThat(family(null)).isInstanceOf(Verdict.Assistant.class);
        assertThat(family("  ")).isInstanceOf(Verdict.Assistant.class);
        assertThat(family("  research   lead ")).isEqualTo(new Verdict.Role("research lead"));
        assertThat(family("Forscherin_2")).isEqualTo(new Verdict.Role("Forscherin_2"));
        assertThat(family("исследователь")).as("one script, not Latin").isEqualTo(new Verdict.Role("исследователь"));
    }

    @Test
    void peopleOfTheChatAndTheirLookalikesAreRefused() {
        for (String bob : List.of("Bob", "bob", " BOB ", "Ｂｏｂ", "ВОВ", "Bob_", "B0b", "Bób")) {
            assertRefused(bob, "the person 'Bob'");
        }
        assertRefused("AI", "the person 'Al'");
        assertRefused("rnary", "the person 'Mary'");
        assertRefused("Carol", "the person"); // the person wrote with a zero-width space inside
        assertRefused("Zoe", "the person 'Zoë'");
        assertThat(check.check("book-club", "web:books", "Bob")).as("Bob never wrote in that chat").isInstanceOf(Verdict.Role.class);
        assertThat(check.check("book-club", "web:books", "eve")).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void groupsAndTheAssistantItselfAreRefused() {
        assertRefused("Andy", "the assistant's name");
        assertRefused("ANDY", "the assistant's name");
        assertRefused("Readers United", "the group 'book-club'");
        assertRefused("book club", "the group 'book-club'");
        assertRefused("main", "the group 'main'");
        assertRefused("Family", "the group 'family'");
    }

    @Test
    void namesThatAreNoRoleNamesAreRefused() {
        for (String bad : List.of("Bob\u200B", "B\u200Dob", "x".repeat(33), "<b>Bob</b>", "Andy · Bob", "Bob\u0007",
                "Аndy", "Bοb", "\u3164", "---", "\u202Eyvan")) {
            assertThat(family(bad)).as("sender %s", bad).isInstanceOfSatisfying(Verdict.Refused.class,
                    r -> assertThat(r.reason()).contains("not a role name").doesNotContain("\u200B", "\u202E", "\u0007"));
        }
    }

    @Test
    void whenTheGroupDefinesAgentsTheSenderMustBeOneOfThem() throws Exception {
        Path agents = Files.createDirectories(home.resolve("groups/family/agents"));
        Files.writeString(agents.resolve("researcher.md"), "---\nname: researcher\n---\n");
        Files.writeString(agents.resolve("writer.md"), "---\nname: writer\n---\n");
        Files.createSymbolicLink(agents.resolve("linked.md"), agents.resolve("writer.md"));
        Files.createDirectory(agents.resolve("folder.md"));
        Files.writeString(agents.resolve("notes.txt"), "not a definition");

        assertThat(family("Researcher")).isEqualTo(new Verdict.Role("researcher"));
        assertThat(family("writer")).isEqualTo(new Verdict.Role("writer"));
        for (String other : List.of("coder", "linked", "folder", "notes")) {
            assertThat(family(other)).as(other).isInstanceOfSatisfying(Verdict.Refused.class,
                    r -> assertThat(r.reason()).contains("not one of this group's agents (researcher, writer"));
        }
        assertThat(family(null)).isInstanceOf(Verdict.Assistant.class);
        assertThat(check.check("book-club", "web:books", "coder")).as("another group defines none").isInstanceOf(Verdict.Role.class);
    }

    @Test
    void theGlobalTypesSpeakAlsoInAGroupWithItsOwnAgents() throws Exception {
        Path agents = Files.createDirectories(home.resolve("groups/family/agents"));
        Files.writeString(agents.resolve("gardener.md"), "---\nname: gardener\n---\n");

        assertThat(family("gardener")).isEqualTo(new Verdict.Role("gardener"));
        assertThat(family("researcher")).as("a global type: a sandbox teammate speaks under it")
                .isEqualTo(new Verdict.Role("researcher"));
        assertThat(family("coder")).isInstanceOfSatisfying(Verdict.Refused.class,
                r -> assertThat(r.reason()).contains("gardener").contains("researcher"));
    }

    @Test
    void anAgentsFolderSwappedForALinkIsNeitherFollowedNorTrusted() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("coder.md"), "x");
        Files.createDirectories(home.resolve("groups/family"));
        Files.createSymbolicLink(home.resolve("groups/family/agents"), elsewhere);
        assertThat(family("coder")).isInstanceOfSatisfying(Verdict.Refused.class,
                r -> assertThat(r.reason()).contains("agents/ folder is unusable"));
    }
}
