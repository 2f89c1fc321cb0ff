package dev.pincer.channel.slack;

import dev.pincer.host.channel.RecordingContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.channel.Backoff;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Speaker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack channel through the real SDK (Web API client and Socket Mode over Java-WebSocket) against {@link FakeSlack}. */
class SlackChannelTest {

    private FakeSlack slack;
    private SlackChannel channel;
    private final RecordingContext context = new RecordingContext();

    @BeforeEach
    void setUp() throws Exception {
        slack = new FakeSlack().user("U1", "Ann").user("U2", "Bob").channel("C1", "family");
        channel = channel(FakeSlack.BOT_TOKEN);
    }

    @AfterEach
    void tearDown() throws Exception {
        channel.stop();
        slack.close();
    }

    private SlackChannel channel(String botToken) {
        return channel(slack, botToken);
    }

    /** A channel to {@code slack} with {@code botToken}, retrying quickly. */
    static SlackChannel channel(FakeSlack slack, String botToken) {
        return new SlackChannel(new SlackSettings(botToken, FakeSlack.APP_TOKEN, slack.apiUrl()), "Andy",
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)));
    }

    private void startConnected() {
        channel.start(context);
        await().atMost(Duration.ofSeconds(20)).until(() -> context.last() instanceof ChannelState.Connected);
    }

    @Test
    void channelMessagesComeWithNamesThreadMentionAndFiles() {
        startConnected();
        String parent = slack.nextTs();
        ObjectNode m = slack.message("C1", "channel", "U1", "<@UBOT> look at this & tell <@U2> about <https://x.example/a?b=1&amp;c=2|the page>");
        m.put("thread_ts", parent);
        ArrayNode elements = m.putArray("blocks").addObject().put("type", "rich_text").putArray("elements")
                .addObject().put("type", "rich_text_section").putArray("elements");
        elements.addObject().put("type", "user").put("user_id", FakeSlack.BOT_USER);
        elements.addObject().put("type", "text").put("text", " look at this");
        m.putArray("files").addObject().put("id", "F1").put("name", "cat.png").put("mimetype", "image/png").put("size", 2048);
        String envelope = slack.event(m);

        await().atMost(Duration.ofSeconds(10)).until(() -> context.received.size() == 1 && slack.acks.contains(envelope));
        Inbound in = context.received.getFirst();
        assertThat(in.chat()).isEqualTo(new Inbound.Chat("slack:C1", "#family", true));
        assertThat(in.sender()).isEqualTo(new Inbound.Sender("U1", "Ann", false));
        assertThat(in.id()).isEqualTo(m.get("ts").asText());
        assertThat(in.text()).isEqualTo("@Andy look at this & tell @Bob about the page (https://x.example/a?b=1&c=2)");
        assertThat(in.context().threadId()).isEqualTo(parent);
        assertThat(in.context().replyToId()).isEqualTo(parent);
        assertThat(in.context().mentionsBot()).isTrue();
        assertThat(in.context().time()).isEqualTo(EventMapper.time(m.get("ts").asText()));
        assertThat(in.attachments()).containsExactly(
                new Inbound.Attachment(Inbound.Attachment.Kind.IMAGE, "cat.png", "image/png", 2048, "F1"));
    }

    @Test
    void directMessagesOtherBotsTheBotsOwnAndMentionsAreTold() {
        startConnected();
        slack.event(slack.message("D9", "im", "U2", "hello there"));
        ObjectNode own = slack.message("C1", "channel", FakeSlack.BOT_USER, "my own reply");
        own.put("bot_id", FakeSlack.BOT_ID);
        slack.event(own);
        ObjectNode otherApp = slack.message("C1", "channel", null, "from another bot");
        otherApp.remove("user");
        otherApp.put("subtype", "bot_message").put("bot_id", "BOTHER").put("username", "Deploy bot");
        slack.event(otherApp);
        slack.event(slack.message("C1", "channel", "U1", "edited").put("subtype", "message_changed"));
        ObjectNode mention = slack.message("C1", null, "U1", "<@UBOT> ping");
        mention.put("type", "app_mention").remove("channel_type");
        slack.event(mention);
        slack.event(slack.message("C1", "channel", "U1", "no mention of <@U2>"));

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.acks.size() == 6);
        assertThat(context.received).extracting(Inbound::text)
                .containsExactly("hello there", "my own reply", "from another bot", "@Andy ping", "no mention of @Bob");
        Inbound dm = context.byText("hello there");
        assertThat(dm.chat()).isEqualTo(new Inbound.Chat("slack:D9", "Bob", false));
        assertThat(dm.context().threadId()).isNull();
        assertThat(dm.context().mentionsBot()).isFalse();
        assertThat(context.byText("my own reply").sender().self()).isTrue();
        assertThat(context.byText("from another bot").sender()).isEqualTo(new Inbound.Sender("BOTHER", "Deploy bot", false));
        assertThat(context.byText("@Andy ping").context().mentionsBot()).isTrue();
        assertThat(context.byText("@Andy ping").chat().group()).isTrue();
        assertThat(context.byText("no mention of @Bob").context().mentionsBot()).isFalse();
        assertThat(slack.calls("users.info").stream().map(c -> c.params().get("user")))
                .as("names are looked up once").containsOnlyOnce("U1", "U2");
    }

    @Test
    void repliesGoOutAsMrkdwnIntoTheThreadInOrder() throws Exception {
        var replyTo = new Outgoing.ReplyTo("1700000000.000500", "1700000000.000100", true);
        Speaker andy = new Speaker("Andy", null);
        String first = channel.send(new Outgoing("slack:C1", channel.format("**Part one** <b>&"), andy, replyTo, new Outgoing.Part(1, 2)));
        channel.send(new Outgoing("slack:C1", channel.format("part [two](https://x.example)"), andy, replyTo, new Outgoing.Part(2, 2)));
        channel.send(new Outgoing("slack:C1", "top level", andy, null, Outgoing.Part.ONLY));

        List<FakeSlack.Call> posts = slack.posts();
        assertThat(posts).extracting(c -> c.params().get("text"))
                .containsExactly("*Part one* &lt;b&gt;&amp;", "part <https://x.example|two>", "top level");
        assertThat(posts).allSatisfy(c -> {
            assertThat(c.params()).containsEntry("channel", "C1").doesNotContainKey("username");
            assertThat(c.token()).isEqualTo(FakeSlack.BOT_TOKEN);
        });
        assertThat(posts.get(0).params()).containsEntry("thread_ts", "1700000000.000100");
        assertThat(posts.get(2).params()).doesNotContainKey("thread_ts");
        assertThat(first).matches("\\d+\\.\\d{6}");
        assertThat(SlackChannel.threadTs(new Outgoing.ReplyTo("1700000000.000500", null, true))).isEqualTo("1700000000.000500");
        assertThat(SlackChannel.threadTs(new Outgoing.ReplyTo("1700000000.000500", null, false))).isNull();
    }

    @Test
    void aSubAgentSpeaksUnderItsNameOrWithABoldPrefixWithoutTheScope() throws Exception {
        Speaker researcher = new Speaker("Andy", "researcher");
        slack.scopes("chat:write,chat:write.customize");
        channel.send(new Outgoing("slack:C1", "found it", researcher, null, Outgoing.Part.ONLY));
        assertThat(slack.posts().getLast().params()).containsEntry("username", "Andy · researcher").containsEntry("text", "found it");

        channel.stop();
        slack.scopes("chat:write");
        channel = channel(FakeSlack.BOT_TOKEN);
        channel.send(new Outgoing("slack:C1", "found <it>", new Speaker("Andy", "a<b"), null, Outgoing.Part.ONLY));
        assertThat(slack.posts().getLast().params()).doesNotContainKey("username")
                .containsEntry("text", "*Andy · a&lt;b*\nfound <it>");
    }

    @Test
    void http429IsRateLimitedWithSlacksRetryAfterAndOtherFailuresThrow() {
        slack.fail("chat.postMessage", 429, "17", 1);
        slack.fail("chat.postMessage", 500, null, 1);
        Outgoing o = new Outgoing("slack:C1", "hi", new Speaker("Andy", null), null, Outgoing.Part.ONLY);
        assertThatThrownBy(() -> channel.send(o)).isInstanceOf(RateLimited.class)
                .satisfies(e -> assertThat(((RateLimited) e).retryAfter()).isEqualTo(Duration.ofSeconds(17)));
        assertThatThrownBy(() -> channel.send(o)).isInstanceOf(IOException.class).hasMessageContaining("HTTP 500");
        assertThat(slack.calls("chat.postMessage")).extracting(FakeSlack.Call::status).containsExactly(429, 500);
        assertThatThrownBy(() -> channel.send(new Outgoing("slack:CX", "hi", null, null, Outgoing.Part.ONLY)))
                .as("Slack's ok:false is a failure too").isInstanceOf(IOException.class).hasMessageContaining("channel_not_found");
    }

    @Test
    void aLostConnectionIsRetriedAndComesBackWithoutARestart() {
        startConnected();
        slack.down();
        await().atMost(Duration.ofSeconds(20)).until(() -> context.last() instanceof ChannelState.Retrying);
        ChannelState.Retrying retrying = (ChannelState.Retrying) context.last();
        assertThat(retrying.error()).containsAnyOf("closed", "503");
        await().atMost(Duration.ofSeconds(20)).until(() -> context.states.stream()
                .anyMatch(s -> s instanceof ChannelState.Retrying r && r.error().contains("HTTP 503")));

        slack.up();
        await().atMost(Duration.ofSeconds(20)).until(() -> context.last() instanceof ChannelState.Connected);
        String envelope = slack.event(slack.message("C1", "channel", "U1", "after the outage"));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.acks.contains(envelope));
        assertThat(context.byText("after the outage").chat().id()).isEqualTo("slack:C1");
    }

    @Test
    void startingWhileSlackIsDownDoesNotBlockAndConnectsLater() {
        slack.down();
        long t0 = System.nanoTime();
        channel.start(context);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> context.last() instanceof ChannelState.Retrying);
        slack.up();
        await().atMost(Duration.ofSeconds(20)).until(() -> context.last() instanceof ChannelState.Connected);
    }

    @Test
    void slackAskingForANewConnectionGetsOneAtOnce() {
        startConnected();
        int opens = slack.calls("apps.connections.open").size();
        slack.requestRefresh();
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("apps.connections.open").size() == opens + 1
                && slack.connections() == 1);
        String envelope = slack.event(slack.message("C1", "channel", "U1", "on the new connection"));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.acks.contains(envelope));
        assertThat(context.states).noneMatch(s -> s instanceof ChannelState.Retrying);
        assertThat(context.received).extracting(Inbound::text).containsExactly("on the new connection");
    }

    @Test
    void checkNamesTheBotAndTheWorkspaceOrSaysWhatIsWrong() throws Exception {
        assertThat(channel.check()).hasValueSatisfying(s -> assertThat(s)
                .startsWith("bot @pincer in workspace Acme accepted").contains("chat:write.customize"));
        SlackChannel wrong = channel("xoxb-wrong");
        try {
            assertThatThrownBy(wrong::check).hasMessageContaining("auth.test").hasMessageContaining("invalid_auth");
        } finally {
            wrong.stop();
        }
    }
}
