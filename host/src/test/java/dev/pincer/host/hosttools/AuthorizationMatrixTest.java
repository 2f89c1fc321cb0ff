package dev.pincer.host.hosttools;

import static dev.pincer.host.hosttools.Authorization.Caller;
import static dev.pincer.host.hosttools.Authorization.Target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.tasks.Task;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.HostTool;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every host tool × caller × target against docs/DESIGN.md section 7, through real request and response
 * files and a real store: the answer, the audit row, and what changed (nothing, on a refusal).
 * The caller is main or {@code family}; "other" is the other one of the two; "none" names a chat,
 * group or task that does not exist.
 */
class AuthorizationMatrixTest {

    /** docs/DESIGN.md section 7, as outcomes. list_tasks always answers; what it lists is checked per case. */
    private static final String MATRIX = """
            tool            | main: own  other    none     | other group: own  other    none
            send_message    |       ok   ok       invalid  |              ok   refused  refused
            send_file       |       ok   ok       invalid  |              ok   refused  refused
            schedule_task   |       ok   ok       invalid  |              ok   refused  refused
            list_tasks      |       ok   ok       ok       |              ok   ok       ok
            pause_task      |       ok   ok       invalid  |              ok   refused  refused
            resume_task     |       ok   ok       invalid  |              ok   refused  refused
            cancel_task     |       ok   ok       invalid  |              ok   refused  refused
            update_task     |       ok   ok       invalid  |              ok   refused  refused
            register_group  |  invalid   invalid  ok       |         refused   refused  refused
            list_groups     |       ok   ok       ok       |         refused   refused  refused
            memory_search   |       ok   ok       invalid  |              ok   refused  refused
            """;

    @TempDir
    static Path home;
    static HostIpcFixture host;
    static final AtomicInteger fresh = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        host = new HostIpcFixture(home);
        host.serve("main", 10_000);
        host.serve("family", 10_000);
        for (String g : List.of("main", "family", "work")) {
            host.messages.append(jid(g), "web", g, "cal-" + g, "Owner", "check the " + g + " calendar", false, Instant.now());
        }
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String line : MATRIX.lines().skip(1).toList()) {
            String[] cols = line.replace("|", " ").strip().split("\\s+");
            HostTool tool = HostTool.byWireName(cols[0]).orElseThrow();
            for (int i = 0; i < 6; i++) {
                all.add(Arguments.of(tool, i < 3 ? Caller.MAIN : Caller.OTHER, Target.values()[i % 3], cols[i + 1]));
            }
        }
        // start_teammate is served and decided by dev.pincer.host.team (TeamAuthorizationTest)
        assertThat(all).hasSize((HostTool.values().length - 1) * 2 * 3);
        return all.stream();
    }

    /** What the store holds; a refused call must leave it equal. */
    record State(List<Group> groups, List<OutboxStore.Pending> outbox, Map<String, Task> tasks) {
        static State of(HostIpcFixture h) {
            return new State(h.registry.all(), h.outbox.pending(10_000), h.taskSnapshot());
        }
    }

    @ParameterizedTest(name = "{0} by {1} on {2}: {3}")
    @MethodSource("cases")
    void everyToolCallerAndTarget(HostTool tool, Caller caller, Target target, String expected) throws Exception {
        String folder = caller == Caller.MAIN ? "main" : "family";
        String other = caller == Caller.MAIN ? "family" : "main";
        seedTasks(tool == HostTool.RESUME_TASK ? "paused" : "active");
        State before = State.of(host);
        long auditBefore = host.lastAuditId();
        int kicksBefore = host.kicks.get();

        HostResponse response = host.call(folder, tool.wireName(), args(tool, folder, other, target));

        State after = State.of(host);
        switch (expected) {
            case "ok" -> assertThat(response).isInstanceOf(HostResponse.Ok.class);
            case "refused" -> assertThat(response).isInstanceOfSatisfying(HostResponse.Error.class,
                    e -> assertThat(e.reason()).startsWith("refused: "));
            case "invalid" -> assertThat(response).isInstanceOfSatisfying(HostResponse.Error.class,
                    e -> assertThat(e.reason()).isNotBlank().doesNotStartWith("refused"));
            default -> throw new IllegalArgumentException(expected);
        }
        List<AuditLog.Entry> audit = host.auditAfter(auditBefore);
        assertThat(audit).as("one audit row per call").singleElement().satisfies(e -> {
            assertThat(e.folder()).isEqualTo(folder);
            assertThat(e.kind()).isEqualTo("host-tool");
            assertThat(e.verdict()).isEqualTo(expected.equals("ok") ? "allowed" : expected);
            assertThat(e.detail()).startsWith(tool.wireName() + ": ");
        });
        if (!expected.equals("ok")) {
            assertThat(after).as("nothing changes on a refusal").isEqualTo(before);
            assertThat(host.kicks.get()).isEqualTo(kicksBefore);
            return;
        }
        checkEffect(tool, caller, folder, other, target, HostIpcFixture.data(response), before, after);
    }

    private static void seedTasks(String status) {
        host.clearTasks();
        for (String g : List.of("main", "family", "work")) {
            assertThat(host.taskStore.insert(new Task("t-" + g, g, "web:" + g,
                    new Task.Spec("check the " + g + " calendar", "cron", "0 9 * * *", "group"), status,
                    new Task.Times(Instant.parse("2030-01-01T09:00:00Z"), null, Instant.parse("2026-01-01T00:00:00Z"))))).isTrue();
        }
    }

    private static String jid(String folder) {
        return "web:" + folder;
    }

    private static Map<String, Object> args(HostTool tool, String folder, String other, Target target) {
        String named = switch (target) {
            case OWN -> folder;
            case OTHER_GROUP -> other;
            case NONEXISTENT -> "ghost";
        };
        Map<String, Object> a = new LinkedHashMap<>();
        switch (tool) {
            case SEND_MESSAGE -> {
                a.put("text", "hello <internal>not for you</internal>there");
                a.put("chat", target == Target.NONEXISTENT ? "web:nobody" : jid(named));
            }
            case SEND_FILE -> {
                try {
                    java.nio.file.Files.writeString(home.resolve("groups").resolve(folder).resolve("note.txt"), "notes of " + folder);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                a.put("path", "/workspace/group/note.txt");
                a.put("caption", "the notes");
                a.put("chat", target == Target.NONEXISTENT ? "web:nobody" : jid(named));
            }
            case SCHEDULE_TASK -> {
                a.put("prompt", "water the plants");
                a.put("schedule_type", "interval");
                a.put("schedule_value", "3600000");
                a.put("context_mode", "isolated");
                a.put("target_group", named);
            }
            case LIST_TASKS, LIST_GROUPS -> { }
            case MEMORY_SEARCH -> {
                a.put("query", "calendar");
                a.put("group", named);
            }
            case PAUSE_TASK, RESUME_TASK, CANCEL_TASK -> a.put("task_id", "t-" + named);
            case UPDATE_TASK -> {
                a.put("task_id", "t-" + named);
                a.put("prompt", "check both calendars");
            }
            case REGISTER_GROUP -> {
                int n = fresh.incrementAndGet();
                a.put("chat", target == Target.NONEXISTENT ? "web:new-" + n : jid(named));
                a.put("name", "New " + n);
                a.put("folder", "new-" + n);
                a.put("trigger", "@Andy");
                a.put("requires_trigger", true);
            }
        }
        return a;
    }

    private static void checkEffect(HostTool tool, Caller caller, String folder, String other, Target target,
                                     JsonNode data, State before, State after) {
        String named = target == Target.OWN ? folder : other;
        switch (tool) {
            case SEND_MESSAGE -> {
                assertThat(after.outbox()).hasSize(before.outbox().size() + 1);
                OutboxStore.Pending sent = after.outbox().getLast();
                assertThat(sent.chatJid()).isEqualTo(jid(named));
                assertThat(sent.text()).isEqualTo("hello there");
                assertThat(host.kicks.get()).isPositive();
            }
            case SEND_FILE -> {
                assertThat(after.outbox()).hasSize(before.outbox().size() + 1);
                OutboxStore.Pending sent = after.outbox().getLast();
                assertThat(sent.chatJid()).isEqualTo(jid(named));
                assertThat(sent.text()).isEqualTo("the notes");
                assertThat(sent.body().file().name()).isEqualTo("note.txt");
                assertThat(sent.body().file().folder()).as("kept in the caller's media").isEqualTo(folder);
                assertThat(host.layout.mediaDir(folder).resolve(sent.body().file().path())).hasContent("notes of " + folder);
            }
            case SCHEDULE_TASK -> {
                String id = data.path("task").path("id").asText();
                assertThat(after.tasks()).hasSize(before.tasks().size() + 1);
                assertThat(after.tasks().get(id).groupFolder()).isEqualTo(named);
                assertThat(after.tasks().get(id).chatJid()).isEqualTo(jid(named));
            }
            case LIST_TASKS -> {
                List<String> ids = new ArrayList<>();
                data.path("tasks").forEach(t -> ids.add(t.path("id").asText()));
                switch (target) {
                    case OWN -> assertThat(ids).contains("t-" + folder);
                    case OTHER_GROUP -> {
                        if (caller == Caller.MAIN) {
                            assertThat(ids).containsExactlyInAnyOrder("t-main", "t-family", "t-work");
                        } else {
                            assertThat(ids).containsExactly("t-" + folder);
                        }
                    }
                    case NONEXISTENT -> assertThat(ids).doesNotContain("t-ghost");
                }
                assertThat(after).isEqualTo(before);
            }
            case PAUSE_TASK -> assertThat(after.tasks().get("t-" + named).status()).isEqualTo("paused");
            case RESUME_TASK -> assertThat(after.tasks().get("t-" + named).status()).isEqualTo("active");
            case CANCEL_TASK -> {
                assertThat(after.tasks().get("t-" + named).status()).isEqualTo("cancelled");
                assertThat(after.tasks().get("t-" + named).times().nextRun()).isNull();
                assertThat(after.tasks().keySet()).isEqualTo(before.tasks().keySet());
            }
            case UPDATE_TASK -> assertThat(after.tasks().get("t-" + named).spec().prompt()).isEqualTo("check both calendars");
            case REGISTER_GROUP -> {
                String folderName = data.path("folder").asText();
                assertThat(after.groups()).hasSize(before.groups().size() + 1);
                assertThat(host.registry.byFolder(folderName)).get()
                        .satisfies(g -> assertThat(g.jid()).isEqualTo(data.path("chat").asText()))
                        .satisfies(g -> assertThat(g.isMain()).isFalse());
                assertThat(host.layout.groupDir(folderName).resolve("CLAUDE.md")).exists();
            }
            case LIST_GROUPS -> {
                List<String> chats = new ArrayList<>();
                data.path("chats").forEach(c -> chats.add(c.path("chat").asText()));
                assertThat(chats).contains("web:main", "web:family", "web:work");
                assertThat(after).isEqualTo(before);
            }
            case MEMORY_SEARCH -> {
                List<String> chats = new ArrayList<>();
                data.path("results").forEach(r -> chats.add(r.path("chat").asText()));
                assertThat(chats).containsExactly(jid(named));
                assertThat(after).isEqualTo(before);
            }
        }
    }
}
