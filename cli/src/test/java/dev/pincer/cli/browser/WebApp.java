package dev.pincer.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.cli.Harness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** A real Pincer (fake model) and a browser on its web app: what the browser tests share. */
final class WebApp implements AutoCloseable {

    final Harness pincer;
    final Browser browser;

    private WebApp(Harness pincer, Browser browser) {
        this.pincer = pincer;
        this.browser = browser;
    }

    /** Starts Pincer in {@code home} with {@code settings} (key, value, ...) and opens a browser. */
    static WebApp start(Path home, int width, boolean dark, String... settings) throws Exception {
        Harness h = new Harness(Files.createDirectories(home));
        h.set("PINCER_RETRY_BASE_MS", "20").set("PINCER_IDLE_TIMEOUT", "0");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            h.set(settings[i], settings[i + 1]);
        }
        h.start();
        try {
            return new WebApp(h, Browser.open(width, 900, dark));
        } catch (IOException | RuntimeException | AssertionError e) {
            h.close();
            throw e;
        }
    }

    String base() {
        return "http://127.0.0.1:" + pincer.webPort() + "/";
    }

    /** Opens the sign-in link (token in the fragment) on {@code page} and waits for the app. */
    void signIn(String page) {
        browser.go(base() + "#token=" + pincer.webToken());
        browser.visible(15, "#nav");
        if (!page.equals("chat")) {
            go(page);
        }
    }

    /** Shows a page of the app ({@code chat}, {@code groups}, ...). */
    void go(String page) {
        browser.js("location.hash = arguments[0]", "#/" + page);
        if (page.equals("chat")) {
            browser.visible(10, "#chat-view");
        } else {
            browser.await(10, page + " page", d -> browser.find("#page-title").isDisplayed()
                    && browser.all("#page .table, #page table").size() > 0);
        }
    }

    /** Picks the web chat {@code name} in the chat page. */
    void chat(String name) {
        browser.await(10, "chat " + name + " in the list", d -> !d.findElements(By.cssSelector("#chat option[value='" + name + "']")).isEmpty());
        browser.js("const s = document.getElementById('chat'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));", name);
    }

    /** Types {@code text} in the message box and presses Enter. */
    void say(String text) {
        WebElement box = browser.find("#text");
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
        browser.await(10, "the message box to empty", d -> box.getAttribute("value").isEmpty());
    }

    /** The texts of the messages shown (without their meta lines). */
    List<String> messages() {
        return browser.all("#log .msg:not(.draft) .text").stream().map(WebElement::getText).toList();
    }

    /** Waits for a message of the assistant whose text contains {@code text}. */
    WebElement awaitReply(int seconds, String text) {
        return browser.await(seconds, "a reply containing '" + text + "'", d -> browser.all("#log .msg.bot:not(.draft)").stream()
                .filter(m -> m.getText().contains(text)).findFirst().orElse(null));
    }

    /** The status line's text. */
    String status() {
        return browser.find("#status").getText();
    }

    /** Saves a screenshot under target/screenshots and checks it was written. */
    void screenshot(String name) throws IOException {
        assertThat(browser.screenshot(name)).isNotEmptyFile();
    }

    @Override
    public void close() throws IOException {
        try (pincer; browser) { // closes the browser, then Pincer, also when closing the browser fails
        }
    }
}
