package dev.pincer.channel.discord;

import dev.pincer.host.channel.RecordingContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.TextSplitter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the channel sends to the fake Discord's REST API, through real JDA. */
class DiscordOutboundTest extends FakeDiscordTestBase {

    @BeforeEach
    void connected() {
        connect();
    }

    private static final Speaker ANDY = new Speaker("Andy", null);

    private Outgoing part(String chat, String text, Outgoing.ReplyTo replyTo, int index, int count) {
        return new Outgoing(chat, channel.format(text), ANDY, replyTo, new Outgoing.Part(index, count));
    }

    @Test
    void partsOfALongReplyArriveInOrderWithinTheLimitAndOnlyTheFirstAnswersTheMessage() throws Exception {
        FakeDiscord.Server s = discord.server();
        String chat = "dc:" + s.channelId();
        String question = discord.say(s.channelId(), "tell me a lot").send();
        String reply = "A long paragraph about __everything__ there is. ".repeat(120);
        List<String> parts = TextSplitter.split(reply, channel.capabilities().maxLength(), p -> channel.format(p).length());
        assertThat(parts).hasSizeGreaterThan(2);
        Outgoing.ReplyTo replyTo = new Outgoing.ReplyTo(question, null, true);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(channel.send(part(chat, parts.get(i), replyTo, i + 1, parts.size()))).matches("\\d+");
        }
        List<FakeDiscord.Sent> sent = discord.sent();
        assertThat(sent).hasSize(parts.size()).allSatisfy(m -> {
            assertThat(m.channelId()).isEqualTo(s.channelId());
            assertThat(m.content().length()).isLessThanOrEqualTo(2000);
            assertThat(m.content()).doesNotContain("__").contains("**everything**");
            assertThat(m.allowedMentions()).containsExactly("users");
        });
        assertThat(sent.get(0).replyTo()).isEqualTo(question);
        assertThat(sent.subList(1, sent.size())).allSatisfy(m -> assertThat(m.replyTo()).isNull());
        assertThat(String.join(" ", sent.stream().map(FakeDiscord.Sent::content).toList()).replaceAll("\\s+", " "))
                .isEqualTo(channel.format(reply).strip().replaceAll("\\s+", " "));
    }

    @Test
    void aReplyToAPlainMessageIsNoDiscordReplyButInAThreadItAlwaysIs() throws Exception {
        FakeDiscord.Server s = discord.server();
        String plain = discord.say(s.channelId(), "hi").send();
        channel.send(part("dc:" + s.channelId(), "hello", new Outgoing.ReplyTo(plain, null, false), 1, 1));
        String inThread = discord.say(s.threadId(), "hi in thread").send();
        channel.send(part("dc:" + s.channelId(), "hello thread", new Outgoing.ReplyTo(inThread, s.threadId(), false), 1, 1));

        assertThat(discord.sent()).containsExactly(
                new FakeDiscord.Sent(s.channelId(), "hello", null, List.of("users")),
                new FakeDiscord.Sent(s.threadId(), "hello thread", inThread, List.of("users")));
    }

    @Test
    void aSubAgentSpeaksUnderItsNameInBold() throws Exception {
        FakeDiscord.Server s = discord.server();
        channel.send(new Outgoing("dc:" + s.channelId(), "```\ncode\n```", new Speaker("Andy", "researcher"), null,
                Outgoing.Part.ONLY));
        assertThat(discord.sent().getFirst().content()).isEqualTo("**Andy · researcher**\n```\ncode\n```");
    }

    @Test
    void typingIsShownInTheChatsChannel() throws Exception {
        channel.typing("dc:" + discord.server().channelId());
        assertThat(discord.typing()).containsExactly(discord.server().channelId());
        assertThat(channel.capabilities().typingEvery()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aRateLimitBecomesRateLimitedWithDiscordsRetryAfterAndNothingIsRetriedBehindTheOutboxsBack() throws Exception {
        String chat = "dc:" + discord.server().channelId();
        discord.rateLimit(1, 3);
        assertThatThrownBy(() -> channel.send(part(chat, "slow down?", null, 1, 1)))
                .isInstanceOfSatisfying(RateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        assertThat(discord.attempts()).hasSize(1);
        Thread.sleep(500);
        assertThat(discord.attempts()).as("JDA did not send it again by itself").hasSize(1);
        channel.send(part(chat, "now", null, 1, 1));
        assertThat(discord.sent()).extracting(FakeDiscord.Sent::content).containsExactly("now");
    }

    @Test
    void aServerErrorIsAFailureThatSaysSo() {
        discord.fail(1, 500);
        assertThatThrownBy(() -> channel.send(part("dc:" + discord.server().channelId(), "x", null, 1, 1)))
                .isNotInstanceOf(RateLimited.class).hasMessageContaining("HTTP 500");
    }

    @Test
    void anUnknownChannelIsAFailureThatSaysWhy() {
        assertThatThrownBy(() -> channel.send(part("dc:123456789", "x", null, 1, 1)))
                .hasMessageContaining("does not see Discord channel 123456789");
    }

    @Test
    void aDirectMessageChannelJdaDoesNotKnowIsOpenedAgainWithThePersonsId() throws Exception {
        String dm = FakeDiscord.dmChannelOf("4400");
        Files.writeString(data.resolve(DirectChats.FILE), dm + "=4400\n");
        channel.stop();
        channel = create(discord, data);
        RecordingContext fresh = new RecordingContext();
        channel.start(fresh);
        await().atMost(Duration.ofSeconds(30)).until(() -> fresh.last() instanceof dev.pincer.host.channel.ChannelState.Connected);

        channel.send(part("dc:" + dm, "hello again", null, 1, 1));
        assertThat(discord.calls()).anySatisfy(c -> {
            assertThat(c.path()).isEqualTo("/api/v10/users/@me/channels");
            assertThat(c.body().path("recipient_id").asText()).isEqualTo("4400");
        });
        assertThat(discord.sent()).containsExactly(new FakeDiscord.Sent(dm, "hello again", null, List.of("users")));
    }

    @Test
    void theCheckAsksWhoTheTokenBelongsTo() throws Exception {
        assertThat(channel.check()).contains("bot andybot#" + discord.botId() + " accepted");
        DiscordChannel wrong = (DiscordChannel) new DiscordProvider().create(new dev.pincer.host.channel.ChannelSettings(
                java.util.Map.of("DISCORD_BOT_TOKEN", "not-the-token", "DISCORD_API_URL", discord.apiUrl()), data, "Andy"))
                .orElseThrow();
        assertThatThrownBy(wrong::check).hasMessageContaining("Discord refused DISCORD_BOT_TOKEN (401)");
    }
}
