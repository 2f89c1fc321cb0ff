package dev.pincer.channel.telegram;

import dev.pincer.host.channel.RecordingContext;
import static dev.pincer.channel.telegram.TgUpdates.entity;
import static dev.pincer.channel.telegram.TgUpdates.group;
import static dev.pincer.channel.telegram.TgUpdates.privateChat;
import static dev.pincer.channel.telegram.TgUpdates.replyTo;
import static dev.pincer.channel.telegram.TgUpdates.text;
import static dev.pincer.channel.telegram.TgUpdates.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Inbound.Attachment.Kind;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.TextSplitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Telegram channel against the fake Bot API: receiving, sending, typing, failures and recovery. */
class TelegramChannelTest {

    static final String TOKEN = "7001:main-token-abcdefgh";
    static final long BOT_ID = 7001;
    static final Tuning FAST = new Tuning(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(400));

    @TempDir Path data;
    FakeBotApi api;
    RecordingContext context = new RecordingContext();
    TelegramChannel channel;

    @BeforeEach
    void fake() throws Exception {
        api = new FakeBotApi().bot(TOKEN, BOT_ID, "pincer_test_bot");
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.stop();
        }
        api.close();
    }

    TelegramChannel channel(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", api.url()));
        values.putAll(extra);
        return new TelegramChannel(TelegramSettings.from(new ChannelSettings(values, data, "Andy")).orElseThrow(), data, FAST);
    }

    void started() {
        channel = channel(Map.of());
        channel.start(context);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.Connected);
    }

    Inbound receive(ObjectNode message) {
        int before = context.received.size();
        api.deliver(TOKEN, message);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.received.size() > before);
        return context.received.getLast();
    }

    @Test
    void aGroupMessageMapsToTheChatTheSenderTheMentionAndTheReply() {
        started();
        ObjectNode fam = group(-100123, "Family");
        ObjectNode ann = user(42, "Ann", "ann_k").put("last_name", "Kay");
        ObjectNode botsMessage = text(fam, user(BOT_ID, "Andy", "pincer_test_bot"), "earlier answer");
        Inbound m = receive(replyTo(entity(text(fam, ann, "@pincer_test_bot what now?"), "mention", "@pincer_test_bot", null),
                text(fam, ann, "the question")));
        assertThat(m.chat()).isEqualTo(new Inbound.Chat("tg:-100123", "Family", true));
        assertThat(m.sender()).isEqualTo(new Inbound.Sender("42", "Ann Kay", false));
        assertThat(m.text()).isEqualTo("@pincer_test_bot what now?");
        assertThat(m.context().mentionsBot()).isTrue();
        assertThat(m.context().replyToId()).isNotNull();
        assertThat(m.context().time()).isEqualTo(java.time.Instant.ofEpochSecond(1_767_225_600L));

        assertThat(receive(entity(text(fam, ann, "@someone_else hi"), "mention", "@someone_else", null)).context().mentionsBot())
                .as("a mention of somebody else").isFalse();
        assertThat(receive(entity(text(fam, ann, "Andy, look"), "text_mention", "Andy", user(BOT_ID, "Andy", null)))
                .context().mentionsBot()).as("a text mention of the bot's id").isTrue();
        assertThat(receive(replyTo(text(fam, ann, "thanks"), botsMessage)).context().mentionsBot())
                .as("a reply to the bot's message").isTrue();
        assertThat(receive(text(fam, ann, "just chatting")).context().mentionsBot()).isFalse();
    }

    @Test
    void aPrivateChatIsADirectMessageAndTheBotsOwnMessagesAreMarkedByItsId() {
        started();
        Inbound dm = receive(text(privateChat(42, "Ann"), user(42, "Ann", null), "hi"));
        assertThat(dm.chat()).isEqualTo(new Inbound.Chat("tg:42", "Ann", false));
        Inbound own = receive(text(group(-100123, "Family"), user(BOT_ID, "Andy", "pincer_test_bot"), "@Andy says hi"));
        assertThat(own.sender().self()).isTrue();
        Inbound lookalike = receive(text(group(-100123, "Family"), user(99, "Andy", "pincer_test_bot_"), "I am Andy"));
        assertThat(lookalike.sender().self()).as("recognised by id, not by name").isFalse();
    }

    @Test
    void aChannelPostIsAGroupMessageFromTheChannel() {
        started();
        ObjectNode news = TgUpdates.channel(-100777, "News");
        ObjectNode post = text(news, null, "@pincer_test_bot new post");
        post.set("sender_chat", news);
        Inbound m = receive(entity(post, "mention", "@pincer_test_bot", null));
        assertThat(m.chat()).isEqualTo(new Inbound.Chat("tg:-100777", "News", true));
        assertThat(m.sender()).isEqualTo(new Inbound.Sender("-100777", "News", false));
        assertThat(m.context().mentionsBot()).isTrue();
    }

    @Test
    void attachmentsComeAsMetadataAndATopicIsTheThread() {
        started();
        ObjectNode m = text(group(-100123, "Family"), user(42, "Ann", null), null).put("caption", "look")
                .put("message_thread_id", 77).put("is_topic_message", true);
        m.putArray("photo").add(photo("small", 90, 90, 1000)).add(photo("large", 1280, 960, 90_000))
                .add(photo("medium", 320, 240, 9000));
        m.putObject("document").put("file_id", "doc1").put("file_unique_id", "d").put("file_name", "plan.pdf")
                .put("mime_type", "application/pdf").put("file_size", 5000);
        m.putObject("voice").put("file_id", "voice1").put("file_unique_id", "v").put("duration", 3)
                .put("mime_type", "audio/ogg").put("file_size", 700);
        Inbound in = receive(m);
        assertThat(in.text()).isEqualTo("look");
        assertThat(in.context().threadId()).isEqualTo("77");
        assertThat(in.attachments()).containsExactly(
                new Inbound.Attachment(Kind.IMAGE, null, "image/jpeg", 90_000, "large"),
                new Inbound.Attachment(Kind.DOCUMENT, "plan.pdf", "application/pdf", 5000, "doc1"),
                new Inbound.Attachment(Kind.VOICE, null, "audio/ogg", 700, "voice1"));

        ObjectNode s = text(privateChat(42, "Ann"), user(42, "Ann", null), null);
        s.putObject("sticker").put("file_id", "st1").put("file_unique_id", "s").put("type", "regular").put("width", 512)
                .put("height", 512).put("is_animated", false).put("is_video", false).put("emoji", "👍").put("file_size", 300);
        assertThat(receive(s).attachments()).containsExactly(new Inbound.Attachment(Kind.STICKER, "👍", "image/webp", 300, "st1"));
        ObjectNode v = text(privateChat(42, "Ann"), user(42, "Ann", null), null);
        v.putObject("video").put("file_id", "vid1").put("file_unique_id", "x").put("width", 1).put("height", 1)
                .put("duration", 1).put("mime_type", "video/mp4").put("file_name", "clip.mp4").put("file_size", 12);
        v.putObject("audio").put("file_id", "aud1").put("file_unique_id", "y").put("duration", 1)
                .put("mime_type", "audio/mpeg").put("file_name", "song.mp3").put("file_size", 13);
        assertThat(receive(v).attachments()).containsExactlyInAnyOrder(
                new Inbound.Attachment(Kind.VIDEO, "clip.mp4", "video/mp4", 12, "vid1"),
                new Inbound.Attachment(Kind.AUDIO, "song.mp3", "audio/mpeg", 13, "aud1"));
    }

    private static ObjectNode photo(String id, int w, int h, int size) {
        return FakeBotApi.JSON.createObjectNode().put("file_id", id).put("file_unique_id", id).put("width", w)
                .put("height", h).put("file_size", size);
    }

    @Test
    void updatesWithoutWordsOrFilesAreNotMessages() {
        started();
        ObjectNode joined = text(group(-100123, "Family"), user(42, "Ann", null), null);
        joined.putArray("new_chat_members").add(user(43, "Bob", null));
        api.deliver(TOKEN, joined);
        Inbound after = receive(text(group(-100123, "Family"), user(42, "Ann", null), "after the join"));
        assertThat(after.text()).isEqualTo("after the join");
        assertThat(context.received).hasSize(1);
    }

    @Test
    void repliesGoOutAsHtmlInTheThreadAndSplitPartsArriveInOrder() throws Exception {
        started();
        String markdown = "**Plan** for <everyone> & all:\n\n" + "A fairly long paragraph of text. ".repeat(200);
        int max = channel.capabilities().maxLength();
        List<String> parts = TextSplitter.split(markdown, max, p -> channel.format(p).length());
        assertThat(parts).hasSizeGreaterThan(1);
        Outgoing.ReplyTo replyTo = new Outgoing.ReplyTo("555", "77", true);
        for (int i = 0; i < parts.size(); i++) {
            channel.send(new Outgoing("tg:-100123", channel.format(parts.get(i)), new Speaker("Andy", null), replyTo,
                    new Outgoing.Part(i + 1, parts.size())));
        }
        List<FakeBotApi.Call> sent = api.calls("sendMessage");
        assertThat(sent).hasSize(parts.size()).allSatisfy(c -> {
            assertThat(c.body().get("chat_id").asText()).isEqualTo("-100123");
            assertThat(c.body().get("parse_mode").asText()).isEqualToIgnoringCase("html");
            assertThat(c.body().get("reply_to_message_id").asInt()).isEqualTo(555);
            assertThat(c.body().get("message_thread_id").asInt()).isEqualTo(77);
            assertThat(c.body().get("text").asText().length()).isLessThanOrEqualTo(4096);
        });
        assertThat(sent.get(0).body().get("text").asText()).startsWith("<b>Plan</b> for &lt;everyone&gt; &amp; all:");
        String joined = String.join(" ", sent.stream().map(c -> HtmlEntities.visibleText(c.body().get("text").asText())).toList());
        assertThat(joined.replaceAll("\\s+", " ")).isEqualTo(HtmlEntities.visibleText(channel.format(markdown)).replaceAll("\\s+", " "));

        channel.send(new Outgoing("tg:42", "plain answer", new Speaker("Andy", null), new Outgoing.ReplyTo("9", null, false),
                Outgoing.Part.ONLY));
        JsonNode notAReply = api.calls("sendMessage").getLast().body();
        assertThat(notAReply.has("reply_to_message_id")).as("only a reply to a reply quotes it").isFalse();
        assertThat(notAReply.has("message_thread_id")).isFalse();
    }

    @Test
    void typingIsAChatAction() throws Exception {
        channel = channel(Map.of());
        channel.typing("tg:-100123");
        assertThat(channel.capabilities().typingEvery()).isEqualTo(Duration.ofSeconds(4));
        JsonNode action = api.calls("sendChatAction").getFirst().body();
        assertThat(action.get("chat_id").asText()).isEqualTo("-100123");
        assertThat(action.get("action").asText()).isEqualTo("typing");
    }

    @Test
    void aRateLimitIsRateLimitedWithTheRetryAfterTelegramAsked() {
        channel = channel(Map.of());
        api.failNext("sendMessage", 429, "Too Many Requests: retry after 17", 17);
        assertThatThrownBy(() -> channel.send(new Outgoing("tg:42", "hi", new Speaker("Andy", null), null, Outgoing.Part.ONLY)))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17)))
                .hasMessageContaining("429");
        api.failNext("sendChatAction", 429, "Too Many Requests: retry after 3", 3);
        assertThatThrownBy(() -> channel.typing("tg:42")).isInstanceOf(RateLimited.class);
        api.failNext("sendMessage", 500, "Internal Server Error", null);
        assertThatThrownBy(() -> channel.send(new Outgoing("tg:42", "hi", new Speaker("Andy", null), null, Outgoing.Part.ONLY)))
                .isNotInstanceOf(RateLimited.class).hasMessageContaining("[500] Internal Server Error");
    }

    @Test
    void htmlTelegramCannotParseIsResentAsPlainText() throws Exception {
        channel = channel(Map.of());
        api.refuseHtml(true);
        String id = channel.send(new Outgoing("tg:42", channel.format("**Sums:** 1 < 2 & `x`"), new Speaker("Andy", null), null,
                Outgoing.Part.ONLY));
        assertThat(id).isNotBlank();
        List<FakeBotApi.Call> sent = api.calls("sendMessage");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).body().has("parse_mode")).isFalse();
        assertThat(sent.get(1).body().get("text").asText()).isEqualTo("Sums: 1 < 2 & x");
    }

    @Test
    void checkSaysWhichBotTheTokenIsAndWhatToFixWhenRefused() throws Exception {
        channel = channel(Map.of());
        assertThat(channel.check()).contains("bot @pincer_test_bot accepted");
        channel.stop();
        channel = channel(Map.of("TELEGRAM_BOT_TOKEN", "7002:unknown-token-abcdef"));
        assertThatThrownBy(() -> channel.check()).hasMessageContaining("401").hasMessageContaining("TELEGRAM_BOT_TOKEN");
    }

    @Test
    void whenTheApiIsDownTheChannelRetriesAndComesBackWithoutARestart() throws Exception {
        started();
        api.down();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.Retrying r
                && r.error().contains("cannot connect to the Bot API"));
        api.up();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.Connected);
        assertThat(receive(text(privateChat(42, "Ann"), user(42, "Ann", null), "still there?")).text()).isEqualTo("still there?");

        api.failNext("getUpdates", 500, "Internal Server Error", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.states.stream()
                .anyMatch(s -> s instanceof ChannelState.Retrying r && r.error().contains("[500] Internal Server Error")));
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.Connected);
    }

    @Test
    void afterARateLimitOnPollingTheNextConnectionWaitsAsLongAsTelegramAsked() {
        started();
        api.failNext("getUpdates", 429, "Too Many Requests: retry after 2", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.states.stream()
                .anyMatch(s -> s instanceof ChannelState.Retrying r && r.error().contains("[429] Too Many Requests")));
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.Connected);
        List<FakeBotApi.Call> calls = api.calls();
        FakeBotApi.Call lastGetMe = api.calls("getMe").getLast();
        FakeBotApi.Call failed = calls.stream().filter(c -> c.method().equals("getupdates") && c.at().isBefore(lastGetMe.at()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(Duration.between(failed.at(), lastGetMe.at())).as("retry_after honoured, not the 100 ms backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aChannelThatCannotConnectAtStartReportsRetryingAndDoesNotBlock() throws Exception {
        api.down();
        channel = channel(Map.of());
        long t0 = System.nanoTime();
        channel.start(context);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.Retrying r
                && r.error().startsWith("getme"));
        api.up();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.Connected);
    }
}
