package dev.pincer.channel.telegram;

import dev.pincer.host.channel.RecordingContext;
import static dev.pincer.channel.telegram.TelegramChannelTest.BOT_ID;
import static dev.pincer.channel.telegram.TelegramChannelTest.FAST;
import static dev.pincer.channel.telegram.TelegramChannelTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.Speaker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sub-agents speaking through pool bots ({@code TELEGRAM_POOL_TOKENS}), and through the main bot without one. */
class TelegramPoolTest {

    static final String POOL_A = "8001:pool-a-token-abcdef";
    static final String POOL_B = "8002:pool-b-token-abcdef";

    @TempDir Path data;
    FakeBotApi api;
    TelegramChannel channel;

    @BeforeEach
    void fake() throws Exception {
        api = new FakeBotApi().bot(TOKEN, BOT_ID, "pincer_test_bot").bot(POOL_A, 8001, "pool_a_bot").bot(POOL_B, 8002, "pool_b_bot");
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.stop();
        }
        api.close();
    }

    TelegramChannel channel(String pool) {
        var values = pool == null ? Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", api.url())
                : Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", api.url(), "TELEGRAM_POOL_TOKENS", pool);
        return new TelegramChannel(TelegramSettings.from(new ChannelSettings(values, data, "Andy")).orElseThrow(), data, FAST);
    }

    String say(String role, String text) throws Exception {
        return channel.send(new Outgoing("tg:-100123", channel.format(text), new Speaker("Andy", role), null, Outgoing.Part.ONLY));
    }

    FakeBotApi.Call lastSent() {
        return api.calls("sendMessage").getLast();
    }

    @Test
    void eachRoleGetsAPoolBotOfItsOwnRenamedOnceAndKeptAcrossRestarts() throws Exception {
        channel = channel(POOL_A + "," + POOL_B);
        say("researcher", "I looked it up.");
        assertThat(lastSent().token()).isEqualTo(POOL_A);
        assertThat(lastSent().body().get("text").asText()).isEqualTo("I looked it up.");
        assertThat(api.name(POOL_A)).isEqualTo("Andy · researcher");
        say("writer", "Draft attached.");
        assertThat(lastSent().token()).isEqualTo(POOL_B);
        assertThat(api.name(POOL_B)).isEqualTo("Andy · writer");
        say("researcher", "One more thing.");
        assertThat(lastSent().token()).isEqualTo(POOL_A);
        assertThat(api.calls("setMyName")).hasSize(2);

        say(null, "The assistant itself.");
        assertThat(lastSent().token()).isEqualTo(TOKEN);
        assertThat(lastSent().body().get("text").asText()).isEqualTo("The assistant itself.");

        say("critic", "Every pool bot is taken.");
        assertThat(lastSent().token()).as("no bot left: the main bot, with the name in front").isEqualTo(TOKEN);
        assertThat(lastSent().body().get("text").asText()).isEqualTo("<b>Andy · critic</b>\nEvery pool bot is taken.");

        channel.stop();
        channel = channel(POOL_A + "," + POOL_B);
        say("writer", "After a restart.");
        assertThat(lastSent().token()).isEqualTo(POOL_B);
        assertThat(api.calls("setMyName")).as("not renamed again").hasSize(2);
        assertThat(channel.poolAssignments()).isEqualTo(Map.of("researcher", 8001L, "writer", 8002L));
    }

    @Test
    void withoutAPoolASubAgentSpeaksThroughTheMainBotUnderItsName() throws Exception {
        channel = channel(null);
        say("researcher", "Found <3 sources> & more");
        assertThat(lastSent().token()).isEqualTo(TOKEN);
        assertThat(lastSent().body().get("text").asText())
                .isEqualTo("<b>Andy · researcher</b>\nFound &lt;3 sources&gt; &amp; more");
        assertThat(HtmlEntities.visibleText(lastSent().body().get("text").asText())).startsWith("Andy · researcher\n");
        assertThat(api.calls("setMyName")).isEmpty();
    }

    @Test
    void aPoolBotThatIsNotInTheChatOrCannotBeRenamedLeavesItToTheMainBot() throws Exception {
        channel = channel(POOL_A);
        api.failNext("setMyName", 429, "Too Many Requests: retry after 3600", 3600);
        say("researcher", "first");
        assertThat(lastSent().token()).isEqualTo(TOKEN);
        assertThat(lastSent().body().get("text").asText()).startsWith("<b>Andy · researcher</b>");
        say("researcher", "second");
        assertThat(lastSent().token()).as("renamed on the next try").isEqualTo(POOL_A);

        api.forbid(POOL_A, -100123);
        say("researcher", "third");
        assertThat(lastSent().token()).isEqualTo(TOKEN);
        assertThat(lastSent().body().get("text").asText()).isEqualTo("<b>Andy · researcher</b>\nthird");
    }

    @Test
    void checkNamesEveryPoolBotAndTheTokenThatWasRefused() throws Exception {
        channel = channel(POOL_A + "," + POOL_B);
        assertThat(channel.check()).contains("bot @pincer_test_bot accepted; pool bots @pool_a_bot, @pool_b_bot accepted");
        channel.stop();
        channel = channel(POOL_A + ",8003:unknown-pool-token");
        assertThatThrownBy(() -> channel.check()).hasMessageContaining("TELEGRAM_POOL_TOKENS (token 2)")
                .hasMessageContaining("401").hasMessageNotContaining("unknown-pool-token");
    }

    @Test
    void thePoolBotsMessagesAreTheBotsOwn() {
        channel = channel(POOL_A);
        RecordingContext context = new RecordingContext();
        channel.start(context);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.Connected);
        var fam = TgUpdates.group(-100123, "Family");
        var poolMessage = TgUpdates.text(fam, TgUpdates.user(8001, "Andy · researcher", "pool_a_bot"), "found it");
        api.deliver(TOKEN, poolMessage);
        api.deliver(TOKEN, TgUpdates.replyTo(TgUpdates.text(fam, TgUpdates.user(42, "Ann", null), "where?"), poolMessage));
        await().atMost(Duration.ofSeconds(10)).until(() -> context.received.size() == 2);
        Inbound own = context.received.get(0);
        assertThat(own.sender().self()).isTrue();
        assertThat(context.received.get(1).context().mentionsBot()).as("a reply to a sub-agent is a reply to the bot").isTrue();
    }
}
