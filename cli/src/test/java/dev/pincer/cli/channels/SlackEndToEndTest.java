package dev.pincer.cli.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.channel.slack.FakeSlack;
import dev.pincer.cli.Harness;
import dev.pincer.cli.Main;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack module end to end: a real Pincer (real sandbox, agent and fake model) with the real
 * Slack channel (the Slack SDK over Socket Mode) pointed at {@link FakeSlack}.
 */
class SlackEndToEndTest {

    @TempDir Path home;

    private static Harness start(Path home, FakeSlack slack) throws Exception {
        return new Harness(home).set("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN).set("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN)
                .set("SLACK_API_URL", slack.apiUrl()).set("PINCER_IDLE_TIMEOUT", "0").start();
    }

    private static void awaitState(Harness h, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> h.channelStatus("slack").get("state").asText().equals(state));
    }

    /** A message that mentions the bot the way Slack marks it: the rich-text user element and the {@code <@BOT>} markup. */
    private static ObjectNode mention(FakeSlack slack, String channel, String user, String text) {
        ObjectNode m = slack.message(channel, "channel", user, "<@" + FakeSlack.BOT_USER + "> " + text);
        var elements = m.putArray("blocks").addObject().put("type", "rich_text").putArray("elements")
                .addObject().put("type", "rich_text_section").putArray("elements");
        elements.addObject().put("type", "user").put("user_id", FakeSlack.BOT_USER);
        elements.addObject().put("type", "text").put("text", " " + text);
        return m;
    }

    @Test
    void aRegisteredChannelIsAnsweredInItsThreadAndOthersAreOnlyRecorded() throws Exception {
        try (FakeSlack slack = new FakeSlack().user("U1", "Ann").user("U3", "Eve").channel("C1", "family").channel("C2", "random");
             Harness h = start(home, slack)) {
            awaitState(h, "connected");
            h.registerChat("slack:C1", "family", "{\"senders\":[\"U1\"]}");
            String paragraph = "A long paragraph of the answer, with **bold** words & more. ".repeat(12);
            h.model.respondWith(r -> Reply.text("Answer for " + r.lastUserText().contains("sender=\"Ann\"") + "\n\n"
                    + (paragraph + "\n\n").repeat(8)));

            slack.event(mention(slack, "C1", "U3", "I am not on the list"));
            ObjectNode own = slack.message("C1", "channel", FakeSlack.BOT_USER, "@Andy this is the bot itself");
            own.put("bot_id", FakeSlack.BOT_ID);
            slack.event(own);
            slack.event(mention(slack, "C2", "U1", "unregistered channel"));
            String parent = slack.nextTs();
            ObjectNode asked = mention(slack, "C1", "U1", "please answer in my thread");
            asked.put("thread_ts", parent);
            slack.event(asked);

            await().atMost(Duration.ofSeconds(90)).until(() -> h.pincer.messages().after("slack:C1", 0, 100).stream()
                    .anyMatch(m -> m.sender().assistant()) && slack.posts().size() >= 2);
            assertThat(h.model.requests()).as("only Ann's message triggered, once").hasSize(1);
            String prompt = h.model.requests().get(0).lastUserText();
            assertThat(prompt).contains("sender=\"Ann\"").contains("please answer in my thread").contains("I am not on the list")
                    .doesNotContain("this is the bot itself").doesNotContain("unregistered channel");
            List<FakeSlack.Call> posts = slack.posts();
            assertThat(posts).hasSizeGreaterThan(1).allSatisfy(c -> {
                assertThat(c.params()).containsEntry("channel", "C1").containsEntry("thread_ts", parent);
                assertThat(c.params().get("text").length()).isLessThanOrEqualTo(3500);
                assertThat(c.token()).isEqualTo(FakeSlack.BOT_TOKEN);
            });
            assertThat(posts.getFirst().params().get("text")).startsWith("Answer for true").contains("*bold*").contains("&amp;");

            JsonNode chats = Json.MAPPER.readTree(h.call("GET", "/api/chats", null).body()).get("chats");
            assertThat(chats).anySatisfy(c -> {
                assertThat(c.get("chat").asText()).isEqualTo("slack:C2");
                assertThat(c.get("folder").isNull()).isTrue();
            });
            assertThat(slack.posts()).noneMatch(c -> "C2".equals(c.params().get("channel")));
        }
    }

    @Test
    void slackFailingDoesNotStopTheWebChatAndTheChannelComesBack() throws Exception {
        try (FakeSlack slack = new FakeSlack().user("U1", "Ann").channel("C1", "family");
             Harness h = start(home, slack)) {
            awaitState(h, "connected");
            h.registerChat("slack:C1", "family", "{}");
            h.model.respondWith(r -> Reply.text(r.lastUserText().contains("web hello") ? "web still works" : "slack answer"));

            slack.fail("chat.postMessage", 429, "1", 1);
            slack.fail("chat.postMessage", 500, null, 1);
            slack.event(mention(slack, "C1", "U1", "answer despite the hiccups"));
            await().atMost(Duration.ofSeconds(90)).until(() -> slack.posts().stream()
                    .anyMatch(c -> "slack answer".equals(c.params().get("text")) && c.params().get("thread_ts") == null));
            assertThat(slack.calls("chat.postMessage")).as("tried three times: 429, 500, then delivered")
                    .extracting(FakeSlack.Call::status).containsExactly(429, 500, 200);
            assertThat(slack.posts()).hasSize(1);

            slack.down();
            awaitState(h, "retrying");
            assertThat(h.channelStatus("slack").get("lastError").asText()).containsAnyOf("Socket Mode connection closed", "HTTP 503");
            assertThat(h.awaitReply("main", h.post("main", "web hello"), Duration.ofSeconds(60)).get("text").asText())
                    .isEqualTo("web still works");

            slack.up();
            awaitState(h, "connected");
            int before = slack.posts().size();
            slack.event(mention(slack, "C1", "U1", "are you back?"));
            await().atMost(Duration.ofSeconds(90)).until(() -> slack.posts().size() > before);
        }
    }

    @Test
    void anUnknownDirectMessageGetsAPairingCodeAndIsAnsweredOncePaired() throws Exception {
        try (FakeSlack slack = new FakeSlack().user("U5", "Zoe");
             Harness h = start(home, slack)) {
            awaitState(h, "connected");
            h.model.respondWith(r -> Reply.text("Hello Zoe."));
            slack.event(slack.message("D5", "im", "U5", "hi, who are you?"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.posts().isEmpty());
            String codeMessage = slack.posts().getFirst().params().get("text");
            assertThat(slack.posts().getFirst().params()).containsEntry("channel", "D5");
            assertThat(codeMessage).contains("./pincer pair ");
            assertThat(h.model.requests()).as("nothing of theirs reached the model").isEmpty();

            String code = codeMessage.replaceAll("(?s).*pincer pair ([A-Z0-9]+).*", "$1");
            assertThat(h.pair(code)).contains("slack:D5");

            slack.event(slack.message("D5", "im", "U5", "and now?"));
            await().atMost(Duration.ofSeconds(60)).until(() -> slack.posts().stream()
                    .anyMatch(c -> "Hello Zoe.".equals(c.params().get("text")) && "D5".equals(c.params().get("channel"))));
            assertThat(h.model.requests()).hasSize(1);
            assertThat(h.model.requests().get(0).lastUserText()).contains("and now?").contains("sender=\"Zoe\"");
        }
    }

    @Test
    void doctorChecksTheTokensWithSlack() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            String ok = doctor(slack, FakeSlack.BOT_TOKEN);
            assertThat(ok).contains("channel slack").contains("bot @pincer in workspace Acme accepted")
                    .doesNotContain(FakeSlack.BOT_TOKEN).doesNotContain(FakeSlack.APP_TOKEN);
            assertThat(doctor(slack, "xoxb-revoked")).contains("channel slack").contains("invalid_auth")
                    .contains("channels/slack/README.md");
        }
    }

    private String doctor(FakeSlack slack, String botToken) throws Exception {
        Harness h = new Harness(home); // writes .env and the settings a doctor run needs; not started
        Map<String, String> env = new HashMap<>(h.settings);
        env.putAll(Map.of("SLACK_BOT_TOKEN", botToken, "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN, "SLACK_API_URL", slack.apiUrl()));
        StringWriter out = new StringWriter();
        Main.run(env, new PrintWriter(out, true), new PrintWriter(out, true), "doctor");
        h.close();
        return out.toString();
    }

    @Test
    void anImageIsKeptInTheGroupsInboxAndShownToTheModelAndAFileTheAgentWroteIsShared() throws Exception {
        try (FakeSlack slack = new FakeSlack().user("U1", "Ann").channel("C1", "family"); Harness h = start(home, slack)) {
            awaitState(h, "connected");
            h.registerChat("slack:C1", "family", "{}");
            byte[] png = MediaFiles.image(3000, 2000, "png");
            h.model.respondWith(MediaFiles::writeAndSend);
            ObjectNode m = mention(slack, "C1", "U1", "what is on this chart?").put("subtype", "file_share");
            m.putArray("files").add(slack.files().add("F1", "chart.png", "image/png", png));
            slack.event(m);

            await().atMost(Duration.ofSeconds(90)).until(() -> slack.posts().stream()
                    .anyMatch(c -> MediaFiles.answered(c.params().get("text"))));
            assertThat(slack.posts()).extracting(c -> c.params().get("text")).contains(MediaFiles.DONE);
            MediaFiles.assertKept(home, "family", png);
            assertThat(h.model.requests().getFirst().lastUserText()).contains("what is on this chart?")
                    .containsPattern(MediaFiles.IMAGE_ELEMENT).contains("name=\"chart.png\"");
            MediaFiles.assertImageBlock(h.model.requests().getFirst());
            assertThat(slack.files().downloads()).as("downloaded by the host with the bot token")
                    .anySatisfy(d -> assertThat(d.authorization()).isEqualTo("Bearer " + FakeSlack.BOT_TOKEN));
            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.files().shared().isEmpty());
            assertThat(slack.files().shared()).singleElement().satisfies(s -> {
                assertThat(s.title()).isEqualTo("out.txt");
                assertThat(s.bytes()).asString().isEqualTo("report");
                assertThat(s.channel()).isEqualTo("C1");
            });
        }
    }
}
