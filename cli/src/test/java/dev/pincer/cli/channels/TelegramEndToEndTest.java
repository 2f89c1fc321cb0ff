package dev.pincer.cli.channels;

import static dev.pincer.channel.telegram.TgUpdates.entity;
import static dev.pincer.channel.telegram.TgUpdates.group;
import static dev.pincer.channel.telegram.TgUpdates.privateChat;
import static dev.pincer.channel.telegram.TgUpdates.replyTo;
import static dev.pincer.channel.telegram.TgUpdates.text;
import static dev.pincer.channel.telegram.TgUpdates.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.channel.telegram.FakeBotApi;
import dev.pincer.channel.telegram.HtmlEntities;
import dev.pincer.cli.Harness;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Telegram module end to end: a real Pincer (real sandbox, agent and fake model) with the real
 * channel module, long-polling a fake Bot API on loopback.
 */
class TelegramEndToEndTest {

    static final String TOKEN = "7001:e2e-main-token-abcdef";
    static final String POOL = "8001:e2e-pool-token-abcdef";
    static final long BOT = 7001;
    static final long FAMILY = -100123;

    @TempDir Path home;
    FakeBotApi api;

    @BeforeEach
    void fake() throws Exception {
        api = new FakeBotApi().bot(TOKEN, BOT, "pincer_e2e_bot").bot(POOL, 8001, "pincer_pool_bot");
    }

    @AfterEach
    void down() {
        api.close();
    }

    private Harness start(Map<String, String> extra) throws Exception {
        Harness h = new Harness(home).set("TELEGRAM_BOT_TOKEN", TOKEN).set("TELEGRAM_API_URL", api.url())
                .set("PINCER_IDLE_TIMEOUT", "0");
        extra.forEach(h::set);
        h.start();
        awaitState(h, "connected", null);
        return h;
    }

    /** Waits until the channel is in {@code state} (with an error containing {@code error}, if given). */
    private static JsonNode awaitState(Harness h, String state, String error) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> h.channelStatus("telegram"),
                s -> s.get("state").asText().equals(state) && (error == null || s.path("lastError").asText().contains(error)));
    }

    private List<JsonNode> sentTo(long chat) {
        return api.calls("sendMessage").stream().map(FakeBotApi.Call::body)
                .filter(b -> b.get("chat_id").asLong() == chat).toList();
    }

    @Test
    void aRegisteredGroupIsAnsweredInItsThreadAndOthersAreOnlyRecorded() throws Exception {
        try (Harness h = start(Map.of())) {
            h.registerChat("tg:" + FAMILY, "fam", "{\"senders\":[\"42\",\"43\"]}");
            h.model.respondWith(r -> Reply.text("**Answer** for " + r.lastUserText().contains("sender=\"Ann Kay\"") + " <ok> "
                    + "long paragraph of text. ".repeat(250) + "The end."));
            ObjectNode fam = group(FAMILY, "Family");
            ObjectNode ann = user(42, "Ann", null).put("last_name", "Kay");
            api.deliver(TOKEN, text(fam, user(44, "Eve", null), "@Andy I am not on the list"));
            api.deliver(TOKEN, text(fam, user(BOT, "Andy", "pincer_e2e_bot"), "@Andy this is the bot itself"));
            api.deliver(TOKEN, text(group(-100999, "Strangers"), ann, "@Andy unregistered chat"));
            ObjectNode question = replyTo(text(fam, ann, "@Andy please answer in my topic"), text(fam, user(43, "Bob", null), "earlier"))
                    .put("message_thread_id", 77).put("is_topic_message", true);
            api.deliver(TOKEN, question);

            await().atMost(Duration.ofSeconds(90)).until(() -> sentTo(FAMILY).stream()
                    .anyMatch(b -> b.get("text").asText().endsWith("The end.")));
            assertThat(h.model.requests()).as("only Ann's message triggered, once").hasSize(1);
            assertThat(h.model.requests().get(0).lastUserText()).contains("sender=\"Ann Kay\"").contains("please answer in my topic")
                    .contains("I am not on the list").doesNotContain("this is the bot itself");
            List<JsonNode> parts = sentTo(FAMILY);
            assertThat(parts).as("split at Telegram's limit").hasSizeGreaterThan(1).allSatisfy(b -> {
                assertThat(HtmlEntities.visibleText(b.get("text").asText()).length()).isLessThanOrEqualTo(4096);
                assertThat(b.get("reply_to_message_id").asInt()).isEqualTo(question.get("message_id").asInt());
                assertThat(b.get("message_thread_id").asInt()).isEqualTo(77);
            });
            assertThat(parts.get(0).get("text").asText()).startsWith("<b>Answer</b> for true &lt;ok&gt;");
            assertThat(api.calls("sendChatAction")).as("typing while the run was busy")
                    .anySatisfy(c -> assertThat(c.body().get("chat_id").asLong()).isEqualTo(FAMILY));

            JsonNode chats = Json.MAPPER.readTree(h.call("GET", "/api/chats", null).body()).get("chats");
            assertThat(chats).anySatisfy(c -> {
                assertThat(c.get("chat").asText()).isEqualTo("tg:-100999");
                assertThat(c.get("folder").isNull()).isTrue();
            });
            assertThat(sentTo(-100999)).isEmpty();
        }
    }

    @Test
    void anUnknownDirectMessageIsPairedWithThePairCommandAndThenAnswered() throws Exception {
        try (Harness h = start(Map.of())) {
            h.model.respondWith(r -> Reply.text("Hello Zoe."));
            api.deliver(TOKEN, text(privateChat(50, "Zoe"), user(50, "Zoe", null), "hi, who are you?"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !sentTo(50).isEmpty());
            String codeMessage = HtmlEntities.visibleText(sentTo(50).get(0).get("text").asText());
            assertThat(codeMessage).contains("./pincer pair ");
            String code = codeMessage.replaceAll("(?s).*pincer pair ([A-Z0-9]+).*", "$1");
            assertThat(h.model.requests()).as("nothing of theirs reached the model").isEmpty();

            assertThat(h.pair(code)).contains("Approved").contains("tg:50");

            api.deliver(TOKEN, text(privateChat(50, "Zoe"), user(50, "Zoe", null), "and now?"));
            await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(50).stream()
                    .anyMatch(b -> b.get("text").asText().equals("Hello Zoe.")));
            assertThat(h.model.requests()).hasSize(1);
            assertThat(h.model.requests().get(0).lastUserText()).contains("and now?").doesNotContain("who are you");
        }
    }

    @Test
    void whenTelegramIsDownOrFailingTheWebChatGoesOnAndTheChannelComesBack() throws Exception {
        try (Harness h = start(Map.of())) {
            h.model.respondWith(r -> Reply.text("web still works"));
            api.down();
            awaitState(h, "retrying", "cannot connect to the Bot API");
            assertThat(h.awaitReply("main", h.post("main", "hello"), Duration.ofSeconds(60)).get("text").asText())
                    .isEqualTo("web still works");
            api.up();
            awaitState(h, "connected", null);

            api.failNext("getUpdates", 500, "Internal Server Error", null);
            awaitState(h, "retrying", "[500] Internal Server Error");
            awaitState(h, "connected", null);
            api.failNext("getUpdates", 429, "Too Many Requests: retry after 1", 1);
            awaitState(h, "retrying", "[429] Too Many Requests");
            awaitState(h, "connected", null);

            h.registerChat("tg:" + FAMILY, "fam", "{}");
            h.model.respondWith(r -> Reply.text("Back again."));
            api.deliver(TOKEN, text(group(FAMILY, "Family"), user(42, "Ann", null), "@Andy are you back?"));
            await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(FAMILY).stream()
                    .anyMatch(b -> b.get("text").asText().equals("Back again.")));
        }
    }

    @Test
    void aSubAgentSpeaksThroughItsOwnPoolBot() throws Exception {
        try (Harness h = start(Map.of("TELEGRAM_POOL_TOKENS", POOL))) {
            h.registerChat("tg:" + FAMILY, "fam", "{}");
            h.model.respondWith(r -> r.toolResults().isEmpty()
                    ? Reply.toolUse("send_message", Map.of("text", "Found three sources.", "sender", "researcher"))
                    : Reply.text("Summary done."));
            ObjectNode fam = group(FAMILY, "Family");
            api.deliver(TOKEN, entity(text(fam, user(42, "Ann", null), "@pincer_e2e_bot summarize the sources"),
                    "mention", "@pincer_e2e_bot", null));

            await().atMost(Duration.ofSeconds(90)).until(() -> sentTo(FAMILY).stream()
                    .anyMatch(b -> b.get("text").asText().equals("Summary done.")));
            assertThat(api.name(POOL)).isEqualTo("Andy · researcher");
            List<FakeBotApi.Call> sent = api.calls("sendMessage");
            assertThat(sent).anySatisfy(c -> {
                assertThat(c.token()).isEqualTo(POOL);
                assertThat(c.body().get("text").asText()).isEqualTo("Found three sources.");
            });
            assertThat(sent).anySatisfy(c -> {
                assertThat(c.token()).isEqualTo(TOKEN);
                assertThat(c.body().get("text").asText()).isEqualTo("Summary done.");
            });
        }
    }

    @Test
    void aPhotoIsKeptInTheGroupsInboxAndShownToTheModelAndAFileTheAgentWroteIsSentBack() throws Exception {
        try (Harness h = start(Map.of())) {
            h.registerChat("tg:" + FAMILY, "fam", "{}");
            byte[] jpeg = MediaFiles.image(3000, 2000, "jpg");
            api.files().add("photo-big", "jpg", jpeg);
            h.model.respondWith(MediaFiles::writeAndSend);
            ObjectNode m = text(group(FAMILY, "Family"), user(42, "Ann", null), null).put("caption", "@Andy what is on this chart?");
            m.putArray("photo").add(photoSize("photo-small", 90, 60, 900)).add(photoSize("photo-big", 3000, 2000, jpeg.length));
            api.deliver(TOKEN, m);

            await().atMost(Duration.ofSeconds(90)).until(() -> sentTo(FAMILY).stream()
                    .anyMatch(b -> MediaFiles.answered(b.get("text").asText())));
            assertThat(sentTo(FAMILY)).extracting(b -> b.get("text").asText()).contains(MediaFiles.DONE);
            MediaFiles.assertKept(home, "fam", jpeg);
            assertThat(h.model.requests().getFirst().lastUserText()).contains("what is on this chart?")
                    .containsPattern(MediaFiles.IMAGE_ELEMENT);
            MediaFiles.assertImageBlock(h.model.requests().getFirst());
            assertThat(api.files().downloads()).as("fetched by the host with the bot's token")
                    .anySatisfy(d -> assertThat(d.token()).isEqualTo(TOKEN));
            await().atMost(Duration.ofSeconds(30)).until(() -> !api.files().uploads().isEmpty());
            assertThat(api.files().uploads()).singleElement().satisfies(u -> {
                assertThat(u.method()).isEqualTo("senddocument");
                assertThat(u.fileName()).isEqualTo("out.txt");
                assertThat(u.bytes()).asString().isEqualTo("report");
                assertThat(u.fields()).containsEntry("chat_id", String.valueOf(FAMILY));
            });
        }
    }

    private static ObjectNode photoSize(String id, int w, int h, int size) {
        return Json.MAPPER.createObjectNode().put("file_id", id).put("file_unique_id", "u" + id).put("width", w)
                .put("height", h).put("file_size", size);
    }
}
