package dev.pincer.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The chat page in a real headless Chromium against a real Pincer with the fake model: signing in
 * with the token link, a reply streaming in, tool cards, a failed run's error card, the typing
 * indicator through a long run, Stop, and what the problems 1, 2, 4 and 7 were about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatBrowserTest {

    WebApp app;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        app = WebApp.start(dir.resolve("home"), 1280, false);
        app.signIn("chat");
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void onTheMainChat() {
        app.go("chat");
        app.chat("main");
    }

    @Test
    void aReplyStreamsInAndIsRenderedAsMarkdown() throws Exception {
        String answer = "Here is **the plan**:\n\n```\nls -la /tmp\n```\n\nSee [the docs](https://example.org/docs) for more.";
        app.pincer.model.respondWith(r -> Reply.text(answer).paceMillis(1200));
        app.say("what is the plan?");
        WebElement draft = app.browser.visible(30, "#log .msg.draft");
        String partial = draft.getText();
        app.screenshot("chat-streaming");
        WebElement reply = app.awaitReply(30, "the plan");
        assertThat(partial).as("the draft showed part of the answer before the reply").isNotBlank()
                .doesNotContain("for more");
        assertThat(app.browser.all("#log .msg.draft")).isEmpty();
        WebElement code = reply.findElement(org.openqa.selenium.By.cssSelector("pre code"));
        assertThat(code.getText()).isEqualTo("ls -la /tmp");
        assertThat(code.getCssValue("font-family")).containsIgnoringCase("mono");
        assertThat(reply.findElements(org.openqa.selenium.By.cssSelector("button.copy"))).hasSize(1);
        assertThat(reply.findElement(org.openqa.selenium.By.cssSelector("strong")).getText()).isEqualTo("the plan");
        WebElement link = reply.findElement(org.openqa.selenium.By.cssSelector("a"));
        assertThat(link.getAttribute("rel")).contains("noopener");
        assertThat(link.getAttribute("href")).isEqualTo("https://example.org/docs");
        assertThat(reply.getText()).doesNotContain("```").doesNotContain("**");
    }

    @Test
    void aToolCallShowsAsACollapsibleCard() {
        app.pincer.model.enqueue(
                Reply.toolUses("Let me look.", List.of(new Reply.ToolCall("Bash", Map.of("command", "echo tool-says-hi")))),
                Reply.text("The tool said hi."));
        app.say("run the tool");
        WebElement card = app.browser.await(60, "a tool card with its result", d -> app.browser.all("#log details.card.tool").stream()
                .filter(c -> c.getText().contains("Bash") && c.getText().matches("(?s).*\\(\\d.*s\\).*")).findFirst().orElse(null));
        assertThat(card.getText()).contains("echo tool-says-hi");
        card.findElement(org.openqa.selenium.By.tagName("summary")).click();
        assertThat(card.findElement(org.openqa.selenium.By.cssSelector("pre.result")).getText()).contains("tool-says-hi");
        app.awaitReply(60, "The tool said hi.");
    }
}
