package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.store.Group;
import dev.pincer.host.tasks.Task;
import dev.pincer.testkit.Reply;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands against a real running Pincer (real sandboxes, the fake model): status,
 * groups, send, tasks run, logs --follow and the terminal chat, all over the local API.
 */
class CockpitEndToEndTest {

    @TempDir Path home;

    @Test
    void statusGroupsSendTasksAndLogsGoThroughTheRunningPincer() throws Exception {
        try (Harness h = new Harness(home).start()) {
            Map<String, String> env = Cli.env(h);
            StringWriter followed = new StringWriter();
            CompletableFuture<Integer> follow = CompletableFuture.supplyAsync(() -> Main.run(env,
                    new PrintWriter(followed, true), new PrintWriter(followed, true), "logs", "--follow"));
            await().atMost(Duration.ofSeconds(30)).until(() -> followed.toString().contains("Following runs"));

            Cli.Outcome status = Cli.run(env, "status");
            assertThat(status.status()).as(status.all()).isZero();
            assertThat(status.out()).contains("is running", "sandbox " + h.runtime.name(), "Home: " + home, "Channels:", "web");

            Cli.Outcome added = Cli.run(env, "groups", "add", "--chat", "web:family", "--name", "Family", "--folder", "family",
                    "--no-trigger");
            assertThat(added.status()).as(added.all()).isZero();
            assertThat(added.out()).contains("Registered Family (web:family) as group family", "it answers every message");
            assertThat(h.pincer.groups().byFolder("family")).map(Group::jid).contains("web:family");
            Cli.Outcome again = Cli.run(env, "groups", "add", "--chat", "web:family", "--name", "Family", "--folder", "family");
            assertThat(again.status()).isEqualTo(1);
            assertThat(again.err()).startsWith("pincer: ").hasLineCount(1);
            assertThat(Cli.run(env, "groups", "list").out()).contains("main (main)", "web:main", "family", "web:family", "no");

            h.model.respondWith(r -> Reply.text("Pong"));
            Cli.Outcome sent = Cli.run(env, "send", "--chat", "family", "--wait", "ping", "please");
            assertThat(sent.status()).as(sent.all()).isZero();
            assertThat(sent.out()).isEqualTo("Pong\n");
            assertThat(h.model.lastRequest().lastUserText()).contains("ping please");

            h.model.respondWith(r -> Reply.text("Sunny, 21°C"));
            Task t = h.pincer.tasks().schedule("main", "web:main", "What is the weather?", "cron", "0 9 * * *", "group");
            long mark = h.pincer.messages().lastSeq("web:main");
            Cli.Outcome run = Cli.run(env, "tasks", "run", t.id());
            assertThat(run.status()).as(run.all()).isZero();
            assertThat(run.out()).contains("Task " + t.id() + " of group main runs now", "web:main");
            assertThat(h.awaitReply("main", mark, Duration.ofSeconds(60)).get("text").asText()).isEqualTo("Sunny, 21°C");

            Cli.Outcome removed = Cli.run(env, "groups", "remove", "family");
            assertThat(removed.out()).contains("Removed group family", "stays on disk");
            assertThat(h.pincer.groups().byFolder("family")).isEmpty();
            assertThat(home.resolve("groups/family")).isDirectory();

            await().atMost(Duration.ofSeconds(30)).until(() -> followed.toString().lines().filter(l -> l.contains("  ok")).count() >= 2);
            assertThat(followed.toString()).contains("  family  ", "  started", "  main  ", "(task " + t.id() + ")");
            h.stop();
            assertThat(follow.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(followed.toString()).contains("Pincer stopped; no more runs to follow.");
        }
    }

    @Test
    void theTerminalChatShowsTypingAndRepliesAndPassesResetThrough() throws Exception {
        try (Harness h = new Harness(home).start()) {
            h.model.respondWith(r -> Reply.text("Hello from Andy").delayMillis(1500));
            PipedOutputStream keys = new PipedOutputStream();
            PipedInputStream in = new PipedInputStream(keys);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> chat = CompletableFuture.supplyAsync(() -> Main.run(Cli.env(h), in,
                    new PrintWriter(out, true), new PrintWriter(err, true), "chat"));
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Chatting with Andy in web:main"));

            keys.write("hello there\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("Andy: Hello from Andy"));
            assertThat(out.toString()).contains("Andy is typing…");
            assertThat(out.toString().indexOf("Andy is typing…")).isLessThan(out.toString().indexOf("Andy: Hello from Andy"));

            h.post("main", "a word from the web page");
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Owner: a word from the web page"));

            keys.write("/reset\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Andy: Started a new session."));

            keys.close(); // Ctrl-D
            assertThat(chat.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
            assertThat(out.toString()).as("what this terminal typed is not echoed back").doesNotContain("hello there", "user: /reset");
            assertThat(h.pincer.messages().after("web:main", 0, 100)).extracting(m -> m.text())
                    .contains("hello there", "/reset", "Hello from Andy");
        }
    }

    @Test
    void anotherHomesPincerOnThePortIsNotTakenForThisOne() throws Exception {
        try (Harness h = new Harness(home).start()) {
            Map<String, String> env = Cli.env(h);
            env.put("PINCER_WEB_TOKEN", "not-this-pincers-token-at-all");
            Cli.Outcome o = Cli.run(env, "status");
            assertThat(o.status()).isEqualTo(1);
            assertThat(o.err()).startsWith("pincer: 127.0.0.1:" + h.webPort() + " refuses this home's web token").hasLineCount(1);
        }
    }
}
