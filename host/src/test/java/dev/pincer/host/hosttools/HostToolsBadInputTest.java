package dev.pincer.host.hosttools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.tasks.TaskControl;
import dev.pincer.protocol.HostResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to allowed calls: an error with a reason, an audit row, and nothing changed. */
class HostToolsBadInputTest {

    @TempDir
    Path home;
    HostIpcFixture host;

    @BeforeEach
    void start() throws Exception {
        host = new HostIpcFixture(home);
        host.serve("main", 1000);
        host.serve("family", 1000);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private String error(String folder, String tool, Map<String, ?> args) throws Exception {
        long audit = host.lastAuditId();
        var groups = host.registry.all();
        var tasks = host.taskSnapshot();
        var outbox = host.outbox.pending(1000);
        HostResponse r = host.call(folder, tool, args);
        assertThat(r).isInstanceOf(HostResponse.Error.class);
        assertThat(host.auditAfter(audit)).singleElement().satisfies(e -> assertThat(e.verdict()).isEqualTo("invalid"));
        assertThat(host.registry.all()).isEqualTo(groups);
        assertThat(host.taskSnapshot()).isEqualTo(tasks);
        assertThat(host.outbox.pending(1000)).isEqualTo(outbox);
        return ((HostResponse.Error) r).reason();
    }

    @Test
    void registerGroupRefusesBadFoldersTakenFoldersAndBadChats() throws Exception {
        assertThat(error("main", "register_group", Map.of("chat", "web:x", "name", "X", "folder", "../etc")))
                .contains("invalid group folder");
        assertThat(error("main", "register_group", Map.of("chat", "web:x", "name", "X", "folder", "global")))
                .contains("reserved");
        assertThat(error("main", "register_group", Map.of("chat", "web:x", "name", "X", "folder", "family")))
                .contains("already used");
        assertThat(error("main", "register_group", Map.of("chat", "no colon", "name", "X", "folder", "x")))
                .contains("invalid chat");
        assertThat(error("main", "register_group", Map.of("chat", "web:family", "name", "X", "folder", "x")))
                .contains("already registered");
        assertThat(error("main", "register_group", Map.of("chat", "web:x", "name", "X")))
                .contains("`folder` is required");
    }

    @Test
    void scheduleTaskRefusesBadSchedulesAndMissingFields() throws Exception {
        Map<String, String> ok = Map.of("prompt", "p", "schedule_type", "interval", "schedule_value", "1000");
        assertThat(error("family", "schedule_task", with(ok, "schedule_value", "0"))).contains("positive");
        assertThat(error("family", "schedule_task", with(ok, "schedule_value", "soon"))).contains("not a number");
        assertThat(error("family", "schedule_task", with(ok, "schedule_type", "sometimes"))).contains("cron, interval, once");
        assertThat(error("family", "schedule_task", with(ok, "context_mode", "shared"))).contains("group, isolated");
        assertThat(error("family", "schedule_task", Map.of("schedule_type", "once", "schedule_value", "x")))
                .contains("`prompt` is required");
        assertThat(error("main", "schedule_task", with(ok, "target_group", "../main"))).contains("no group uses folder");
    }

    @Test
    void taskChangesNeedAKnownTaskAndSomethingToChange() throws Exception {
        host.tasks.schedule("family", "web:family", "p", "interval", "60000", "group");
        String id = host.tasks.list(java.util.Optional.empty()).get(0).id();
        assertThat(error("family", "update_task", Map.of("task_id", id))).contains("nothing to change");
        assertThat(error("main", "pause_task", Map.of("task_id", "nope"))).contains("no task 'nope'");
        assertThat(error("main", "pause_task", Map.of())).contains("`task_id` is required");
        assertThat(error("main", "send_message", Map.of("text", "<internal>only notes</internal>"))).contains("nothing to send");
        assertThat(error("main", "send_message", Map.of("text", 42))).contains("must be a string");
    }

    @Test
    void aPincerWithoutSchedulerSaysSo() throws Exception {
        try (HostIpcFixture bare = new HostIpcFixture(home.resolve("bare"), TaskControl.unavailable())) {
            bare.serve("main", 10);
            HostResponse r = bare.call("main", "list_tasks", Map.of());
            assertThat(r).isInstanceOfSatisfying(HostResponse.Error.class,
                    e -> assertThat(e.reason()).contains("scheduled tasks are not available"));
        }
    }

    @Test
    void sendMessageWithoutChatGoesToTheCallersOwnChatWithItsSender() throws Exception {
        HostResponse r = host.call("family", "send_message", Map.of("text", "on my way", "sender", "Scout"));
        assertThat(HostIpcFixture.data(r).path("chat").asText()).isEqualTo("web:family");
        assertThat(host.outbox.pending(10)).singleElement().satisfies(p -> {
            assertThat(p.chatJid()).isEqualTo("web:family");
            assertThat(p.sender()).isEqualTo("Scout");
        });
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
