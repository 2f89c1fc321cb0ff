package dev.pincer.cli.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.channel.discord.FakeDiscord;
import dev.pincer.cli.Harness;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Discord channel end to end: a real Pincer (real sandbox, agent and fake model) with the real
 * Discord module (real JDA) against the fake Discord's REST API and gateway on loopback.
 */
class DiscordEndToEndTest {

    @TempDir Path home;
    FakeDiscord discord;

    @BeforeEach
    void fake() throws Exception {
        discord = FakeDiscord.start();
    }

    @AfterEach
    void close() throws Exception {
        discord.close();
    }

    private Harness start() throws Exception {
        Harness h = new Harness(home).set("DISCORD_BOT_TOKEN", FakeDiscord.TOKEN).set("DISCORD_API_URL", discord.apiUrl())
                .set("DISCORD_GATEWAY_URL", discord.gatewayUrl()).set("PINCER_IDLE_TIMEOUT", "0").start();
        awaitState(h, "connected");
        return h;
    }

    private static void awaitState(Harness h, String state) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> h.channelStatus("discord").get("state").asText().equals(state));
    }

    @Test
    void aRegisteredChannelIsAnsweredInTheThreadInPartsAndOthersAreOnlyRecorded() throws Exception {
        try (Harness h = start()) {
            FakeDiscord.Server s = discord.server();
            h.registerChat("dc:" + s.channelId(), "family", "{\"senders\":[\"4100\",\"4200\"]}");
            h.model.respondWith(r -> Reply.text("Answer for " + r.lastUserText().contains("sender=\"Ann\"") + " "
                    + "A long paragraph of text. ".repeat(180) + "THE END"));

            discord.say(s.channelId(), "I am not on the list").from("4999", "eve").mentioningBot().send();
            discord.say(s.channelId(), "@Andy this is the bot itself").fromBot().send();
            discord.say(s.otherChannelId(), "@Andy unregistered channel").from("4100", "ann").mentioningBot().send();
            String asked = discord.say(s.threadId(), "please answer in my thread").from("4100", "ann").mentioningBot().send();

            await().atMost(Duration.ofSeconds(90)).until(() -> discord.sent().stream().anyMatch(m -> m.content().endsWith("THE END")));
            assertThat(h.model.requests()).as("only ann's message triggered, once").hasSize(1);
            assertThat(h.model.requests().get(0).lastUserText()).contains("sender=\"Ann\"")
                    .contains("please answer in my thread").contains("I am not on the list")
                    .doesNotContain("this is the bot itself").doesNotContain("unregistered channel");

            List<FakeDiscord.Sent> sent = discord.sent();
            assertThat(sent).hasSizeGreaterThanOrEqualTo(3).allSatisfy(m -> {
                assertThat(m.channelId()).as("in the thread").isEqualTo(s.threadId());
                assertThat(m.content().length()).isLessThanOrEqualTo(2000);
            });
            assertThat(sent.get(0).content()).startsWith("Answer for true");
            assertThat(sent.get(0).replyTo()).as("a reply to ann's message").isEqualTo(asked);
            assertThat(discord.typing()).as("typing shown while the run was busy").contains(s.channelId());

            JsonNode chats = Json.MAPPER.readTree(h.call("GET", "/api/chats", null).body()).get("chats");
            assertThat(chats).anySatisfy(c -> {
                assertThat(c.get("chat").asText()).isEqualTo("dc:" + s.otherChannelId());
                assertThat(c.get("folder").isNull()).isTrue();
            });
            assertThat(discord.sent()).noneMatch(m -> m.channelId().equals(s.otherChannelId()));
        }
    }

    @Test
    void discordGoingDownShowsAsRetryingWhileTheWebChatGoesOnAndFailedRepliesAreDeliveredLater() throws Exception {
        try (Harness h = start()) {
            FakeDiscord.Server s = discord.server();
            discord.gatewayDown();
            awaitState(h, "retrying");
            assertThat(h.channelStatus("discord").get("lastError").asText()).contains("Discord gateway");

            h.model.respondWith(r -> Reply.text("web still works"));
            assertThat(h.awaitReply("main", h.post("main", "hello"), Duration.ofSeconds(60)).get("text").asText())
                    .isEqualTo("web still works");

            discord.gatewayUp();
            awaitState(h, "connected");

            h.registerChat("dc:" + s.channelId(), "family", "{}");
            h.model.respondWith(r -> Reply.text("delivered in the end"));
            discord.fail(1, 500);
            discord.rateLimit(1, 1);
            discord.say(s.channelId(), "answer despite the trouble").from("4100", "ann").mentioningBot().send();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> discord.sent().stream().anyMatch(m -> m.content().equals("delivered in the end")));
            assertThat(discord.attempts()).as("refused with 500, then 429, then taken")
                    .filteredOn(m -> m.content().equals("delivered in the end")).hasSize(3);
            assertThat(discord.sent()).filteredOn(m -> m.content().equals("delivered in the end")).hasSize(1);
        }
    }

    @Test
    void anImageIsKeptInTheGroupsInboxAndShownToTheModelAndAFileTheAgentWroteIsSentBack() throws Exception {
        try (Harness h = start()) {
            FakeDiscord.Server s = discord.server();
            h.registerChat("dc:" + s.channelId(), "family", "{}");
            byte[] png = MediaFiles.image(3000, 2000, "png");
            h.model.respondWith(MediaFiles::writeAndSend);
            discord.say(s.channelId(), "what is on this chart?").from("4100", "ann").mentioningBot()
                    .attaching("chart.png", "image/png", png).send();

            await().atMost(Duration.ofSeconds(90)).until(() -> discord.sent().stream().anyMatch(m -> MediaFiles.answered(m.content())));
            assertThat(discord.sent()).extracting(FakeDiscord.Sent::content).contains(MediaFiles.DONE);
            MediaFiles.assertKept(home, "family", png);
            assertThat(h.model.requests().getFirst().lastUserText()).contains("what is on this chart?")
                    .containsPattern(MediaFiles.IMAGE_ELEMENT).contains("name=\"chart.png\"");
            MediaFiles.assertImageBlock(h.model.requests().getFirst());
            assertThat(discord.files().downloads()).as("fetched by the host, without the bot token")
                    .singleElement().satisfies(d -> assertThat(d.authorization()).isNull());
            await().atMost(Duration.ofSeconds(30)).until(() -> !discord.files().uploads().isEmpty());
            assertThat(discord.files().uploads()).singleElement().satisfies(u -> {
                assertThat(u.fileName()).isEqualTo("out.txt");
                assertThat(u.bytes()).asString().isEqualTo("report");
                assertThat(u.channelId()).isEqualTo(s.channelId());
            });
        }
    }
}
