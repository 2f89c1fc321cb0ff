package dev.pincer.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.cli.Harness;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.tasks.Task;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Every dashboard page in a real headless Chromium against a real Pincer: groups (register a
 * recorded chat, remove), tasks (pause, resume, run now with its last run, cancel), runs (filters and a run's timeline with its
 * tool call, tokens, exit reason and log), usage, the audit log (an egress refusal, highlighted),
 * the outbox (retry), channels and settings (nothing secret).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    WebApp app;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        app = WebApp.start(dir.resolve("home"), 1280, false);
        app.signIn("chat");
        // one run with a tool call that the egress proxy refuses (loopback is not public), metered by the proxy
        String curl = "curl -sS --noproxy '' -x http://127.0.0.1:3128 --max-time 10 http://127.0.0.1:" + app.pincer.webPort()
                + "/api/status; echo rc=$?";
        app.pincer.model.enqueue(
                Reply.toolUses("Checking.", List.of(new Reply.ToolCall("Bash", Map.of("command", curl)))).usage(120, 30),
                Reply.text("Checked.").usage(150, 20));
        app.say("check the status page");
        app.awaitReply(90, "Checked.");
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /** The first of the rows {@code css} selects whose text passes {@code text}, waited for up to {@code seconds}. */
    private WebElement awaitRow(int seconds, String what, String css, Predicate<String> text) {
        return app.browser.await(seconds, what, d -> app.browser.all(css).stream()
                .filter(row -> text.test(row.getText())).findFirst().orElse(null));
    }

    @Test
    void groupsPageRegistersARecordedChatShowsStateAndRemoves() throws Exception {
        app.pincer.pincer.inbox().accept(Inbound.text(new Inbound.Chat("web:visitors", "Visitors", true),
                new Inbound.Sender("v1", "Vera", false), "m-1", "hi all", Instant.now()));
        app.go("groups");
        WebElement main = app.browser.visible(10, "#groups-table tr[data-folder='main']");
        assertThat(main.getText()).contains("Main").contains("web").contains("every message (main)");
        assertThat(main.findElement(By.cssSelector(".state")).getText()).isIn("idle", "warm", "closing", "running");
        app.browser.click(10, By.xpath("//table[@id='chats-table']//tr[td[text()='web:visitors']]//button"));
        WebElement registered = app.browser.visible(10, "#groups-table tr[data-folder='visitors']");
        assertThat(registered.getText()).contains("Visitors").contains("@Andy");
        app.screenshot("dashboard-groups");
        By remove = By.xpath("//table[@id='groups-table']//tr[@data-folder='visitors']//button[text()='Remove']");
        app.browser.click(10, remove);
        app.browser.click(10, By.xpath("//table[@id='groups-table']//tr[@data-folder='visitors']//button[text()='Confirm remove']"));
        app.browser.await(10, "the group to go", d -> app.browser.all("#groups-table tr[data-folder='visitors']").isEmpty());
        assertThat(app.pincer.pincer.groups().byFolder("visitors")).isEmpty();
    }

    @Test
    void tasksPagePausesResumesRunsNowAndCancelsATask() {
        Task t = app.pincer.pincer.tasks().schedule("main", "web:main", "Water the plants", "cron", "0 9 * * *", "group");
        app.go("tasks");
        WebElement row = app.browser.visible(10, "#tasks-table tr[data-task='" + t.id() + "']");
        assertThat(row.getText()).contains("Water the plants").contains("cron 0 9 * * *").contains("active");
        app.browser.click(10, By.xpath("//tr[@data-task='" + t.id() + "']//button[text()='Pause']"));
        app.browser.await(10, "paused", d -> app.browser.find("#tasks-table tr[data-task='" + t.id() + "']").getText().contains("paused"));
        assertThat(app.pincer.pincer.tasks().get(t.id()).status()).isEqualTo("paused");
        app.browser.click(10, By.xpath("//tr[@data-task='" + t.id() + "']//button[text()='Resume']"));
        app.browser.await(10, "active again", d -> app.browser.find("#tasks-table tr[data-task='" + t.id() + "']").getText().contains("active"));
        assertThat(app.pincer.pincer.tasks().get(t.id()).status()).isEqualTo("active");
        // Run now: the run shows among the task's last runs with its status and tokens
        app.pincer.model.respondWith(r -> Reply.text("Plants watered.").usage(40, 8));
        app.browser.click(10, By.xpath("//tr[@data-task='" + t.id() + "']//button[text()='Run now']"));
        WebElement ran = app.browser.await(90, "the run among the last runs", d -> {
            WebElement r = app.browser.find("#tasks-table tr[data-task='" + t.id() + "']");
            return r.findElements(By.cssSelector("td .state.ok")).isEmpty() ? null : r;
        });
        assertThat(ran.getText()).contains("48 tokens");
        // a change made elsewhere shows live
        app.pincer.pincer.tasks().pause(t.id());
        app.browser.await(10, "paused live", d -> app.browser.find("#tasks-table tr[data-task='" + t.id() + "']").getText().contains("paused"));
        app.browser.click(10, By.xpath("//tr[@data-task='" + t.id() + "']//button[text()='Cancel']"));
        app.browser.await(10, "cancelled", d -> app.browser.find("#tasks-table tr[data-task='" + t.id() + "']").getText().contains("cancelled"));
        assertThat(app.pincer.pincer.tasks().get(t.id()).status()).isEqualTo("cancelled");
    }

    @Test
    void runsPageFiltersAndShowsARunsTimeline() throws Exception {
        app.go("runs");
        // the run of the tool call made at the start (320 tokens), whatever other tests ran since
        WebElement row = awaitRow(10, "the ok run of main with the tool call", "#runs-table tr[data-run]",
                t -> t.contains("main") && t.contains("ok") && t.contains("320"));
        String id = row.getAttribute("data-run");
        app.browser.js("const s = document.getElementById('run-status'); s.value = 'error'; s.dispatchEvent(new Event('change'));");
        app.browser.await(10, "the filter", d -> app.browser.all("#runs-table tr[data-run='" + id + "']").isEmpty());
        app.browser.js("const s = document.getElementById('run-status'); s.value = ''; s.dispatchEvent(new Event('change'));");
        app.browser.click(10, By.cssSelector("#runs-table tr[data-run='" + id + "']"));
        WebElement detail = app.browser.visible(10, "#run-detail");
        assertThat(detail.getText()).contains("Run " + id).contains("Status ok").contains("Bash").contains("curl")
                .contains("tokens").contains("Log");
        assertThat(detail.findElement(By.cssSelector(".log pre")).getText()).isNotBlank();
        app.screenshot("dashboard-runs");
    }

    @Test
    void usagePageShowsTokensPerGroupAndDayAndTheBudgets() {
        app.go("usage");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        // main's metered tokens today: the tool-call run's 320, plus any task run another test made meanwhile
        app.browser.await(10, "main's usage today as the proxy metered it", d -> app.browser.all("#usage-table tbody tr").stream()
                .anyMatch(r -> r.getText().startsWith(today + " main ") && r.getText().contains(" " + mainTokensToday() + " ")));
        assertThat(mainTokensToday()).isGreaterThanOrEqualTo(320);
        assertThat(app.browser.find("#budgets").getText()).contains("per run").contains("tokens");
    }

    /** Main's tokens today from {@code GET /api/usage}. */
    private long mainTokensToday() {
        try {
            var days = new com.fasterxml.jackson.databind.ObjectMapper().readTree(app.pincer.call("GET", "/api/usage?days=1", null).body()).path("days");
            long total = 0;
            for (var d : days) {
                if (d.path("folder").asText().equals("main")) {
                    var u = d.path("totals").path("usage");
                    total += u.path("inputTokens").asLong() + u.path("outputTokens").asLong() + u.path("cacheReadTokens").asLong()
                            + u.path("cacheWriteTokens").asLong();
                }
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException("GET /api/usage failed: " + e.getMessage(), e);
        }
    }

    @Test
    void auditPageShowsTheEgressRefusalHighlighted() throws Exception {
        app.go("audit");
        WebElement refused = awaitRow(10, "a highlighted egress refusal", "#audit-table tr.refused", t -> t.contains("egress") && t.contains("denied"));
        assertThat(refused.getText()).contains("main").contains("127.0.0.1");
        app.browser.js("const s = document.getElementById('audit-verdict'); s.value = 'denied'; s.dispatchEvent(new Event('change'));");
        app.browser.await(10, "only refusals", d -> app.browser.all("#audit-table tbody tr").stream().allMatch(r -> r.getText().contains("denied")));
        app.screenshot("dashboard-audit");
        app.browser.js("const s = document.getElementById('audit-verdict'); s.value = ''; s.dispatchEvent(new Event('change'));");
    }

    @Test
    void outboxPageListsRepliesAndRetries() {
        app.go("outbox");
        WebElement delivered = awaitRow(10, "a delivered reply", "#outbox-table tr.delivered", t -> t.contains("Checked."));
        assertThat(delivered.getText()).contains("web:main");
        app.browser.click(10, By.cssSelector("#page .filters button"));
        app.browser.visible(10, "#outbox-table");
        assertThat(app.status()).doesNotContain("error");
    }

    @Test
    void outboxPageShowsAReplyParkedForAChannelThatIsNotThere() throws Exception {
        // A Telegram chat registered while no Telegram channel is configured: its reply waits, parked.
        var r = app.pincer.call("POST", "/api/groups", "{\"chat\":\"tg:4242\",\"name\":\"Telly\",\"folder\":\"telly\","
                + "\"requiresTrigger\":false}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        app.pincer.model.respondWith(q -> Reply.text("Nobody will carry this."));
        app.pincer.pincer.inbox().accept(Inbound.text(new Inbound.Chat("tg:4242", "Telly", true),
                new Inbound.Sender("t1", "Tom", false), "tg-1", "hello from telegram", Instant.now()));
        app.go("outbox");
        WebElement parked = awaitRow(90, "the parked reply", "#outbox-table tr.parked", t -> t.contains("Nobody will carry this."));
        assertThat(parked.getText()).contains("tg:4242").contains("parked");
        assertThat(app.browser.find("#page .filters").getText()).containsPattern("[1-9]\\d* waiting");
        app.pincer.call("DELETE", "/api/groups/telly", null);
    }

    @Test
    void channelsAndSettingsPagesShowStateAndNoSecret() {
        app.go("channels");
        WebElement web = awaitRow(10, "the web channel", "#channels-table tbody tr", t -> t.startsWith("web"));
        assertThat(web.getText()).contains("connected");
        app.go("settings");
        String settings = app.browser.visible(10, "#settings-table").getText();
        assertThat(settings).contains("ASSISTANT_NAME").contains("Andy").contains("PINCER_MAX_AGENTS").contains("credentials");
        String page = app.browser.driver.getPageSource();
        assertThat(page).doesNotContain(Harness.API_KEY).doesNotContain(app.pincer.webToken());
    }
}
