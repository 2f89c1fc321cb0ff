package dev.pincer.host.hosttools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.store.AuditLog;
import dev.pincer.protocol.HostResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduling limits as the agent meets them: request files in, response files out, through the
 * real request server, host tools and task service at their default limits (60 s, 50 tasks).
 */
class SchedulingLimitsTest {

    @TempDir Path home;
    HostIpcFixture host;

    @BeforeEach
    void start() throws Exception {
        host = new HostIpcFixture(home);
        for (String folder : new String[] {"main", "family", "work"}) {
            host.serve(folder, 1000);
        }
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private String refusal(HostResponse r) {
        assertThat(r).isInstanceOf(HostResponse.Error.class);
        return ((HostResponse.Error) r).reason();
    }

    private AuditLog.Entry lastAudit() {
        return host.audit.recent(1).get(0);
    }

    @Test
    void aTooFrequentScheduleIsRefusedClearlyAndAudited() throws Exception {
        String reason = refusal(host.call("family", "schedule_task",
                Map.of("prompt", "ping", "schedule_type", "interval", "schedule_value", "1000")));
        assertThat(reason).startsWith("refused: ").contains("1 s apart").contains("60 s");
        assertThat(lastAudit()).satisfies(e -> {
            assertThat(e.kind()).isEqualTo("host-tool");
            assertThat(e.verdict()).isEqualTo("refused");
            assertThat(e.detail()).startsWith("schedule_task");
        });
        assertThat(host.tasks.list(Optional.empty())).isEmpty();

        HostResponse ok = host.call("family", "schedule_task",
                Map.of("prompt", "ping", "schedule_type", "cron", "schedule_value", "* * * * *"));
        String id = HostIpcFixture.data(ok).get("task").get("id").asText();
        assertThat(refusal(host.call("family", "update_task", Map.of("task_id", id, "schedule_type", "interval",
                "schedule_value", "5000")))).startsWith("refused: ").contains("5 s apart");
        assertThat(host.tasks.find(id).orElseThrow().spec().scheduleValue()).isEqualTo("* * * * *");
    }

    @Test
    void theFiftyFirstTaskOfAGroupIsRefusedAndOtherGroupsAreUnaffected() throws Exception {
        for (int i = 0; i < 50; i++) {
            host.tasks.schedule("family", "web:family", "task " + i, "interval", "3600000", "group");
        }
        String reason = refusal(host.call("family", "schedule_task",
                Map.of("prompt", "one more", "schedule_type", "once", "schedule_value", "2099-01-01T09:00")));
        assertThat(reason).startsWith("refused: ").contains("already has 50 active or paused tasks").contains("cancel");
        assertThat(lastAudit().verdict()).isEqualTo("refused");
        assertThat(host.tasks.list(Optional.of("family"))).hasSize(50);

        assertThat(host.call("main", "schedule_task", Map.of("prompt", "p", "schedule_type", "once",
                "schedule_value", "2099-01-01T09:00", "target_group", "family"))).as("main is held to the group's quota too")
                .isInstanceOf(HostResponse.Error.class);
        assertThat(host.call("work", "schedule_task", Map.of("prompt", "p", "schedule_type", "once",
                "schedule_value", "2099-01-01T09:00"))).isInstanceOf(HostResponse.Ok.class);
    }
}
