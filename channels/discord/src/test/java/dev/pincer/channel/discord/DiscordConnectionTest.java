package dev.pincer.channel.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.Speaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the channel stays connected when the fake Discord goes away and comes back, without a restart. */
class DiscordConnectionTest extends FakeDiscordTestBase {

    private String lastError() {
        return context.states.stream().filter(ChannelState.Retrying.class::isInstance)
                .map(s -> ((ChannelState.Retrying) s).error()).reduce((a, b) -> b).orElse(null);
    }

    @Test
    void theGatewayGoingDownShowsAsRetryingAndJdaResumesWhenItIsBack() throws Exception {
        connect();
        assertThat(discord.gateway().identifies()).isEqualTo(1);

        discord.gatewayDown();
        awaitState(ChannelState.Retrying.class);
        assertThat(lastError()).contains("Discord gateway");
        channel.send(new Outgoing("dc:" + discord.server().channelId(), "REST still works", new Speaker("Andy", null), null,
                Outgoing.Part.ONLY));
        assertThat(discord.sent()).extracting(FakeDiscord.Sent::content).containsExactly("REST still works");

        discord.gatewayUp();
        awaitState(ChannelState.Connected.class);
        assertThat(discord.gateway().resumes()).as("the same JDA session resumed").isEqualTo(1);
        assertThat(discord.gateway().identifies()).isEqualTo(1);
        String id = discord.say(discord.server().channelId(), "are you back?").send();
        await().atMost(Duration.ofSeconds(10)).until(() -> context.byId(id) != null);
    }

    @Test
    void startDoesNotWaitForAnUnreachableApiAndTheChannelConnectsOnceItAnswers() throws Exception {
        discord.restDown();
        long began = System.nanoTime();
        channel.start(context);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
        awaitState(ChannelState.Retrying.class);
        assertThat(lastError()).contains("cannot log in at the Discord API at " + discord.apiUrl());

        discord.restUp();
        awaitState(ChannelState.Connected.class);
    }

    @Test
    void aRefusedIntentSaysWhatToSwitchOnAndANewSessionIsMadeAfterwards() throws Exception {
        discord.gateway().refuseIdentify(4014);
        channel.start(context);
        await().atMost(Duration.ofSeconds(40)).until(() -> lastError() != null && lastError().contains("Message Content Intent"));
        assertThat(lastError()).contains("Privileged Gateway Intents");

        discord.gateway().refuseIdentify(0);
        awaitState(ChannelState.Connected.class);
    }

    @Test
    void aRefusedTokenSaysHowToGetANewOne() {
        channel = (DiscordChannel) new DiscordProvider().create(new dev.pincer.host.channel.ChannelSettings(java.util.Map.of(
                "DISCORD_BOT_TOKEN", "not-the-token", "DISCORD_API_URL", discord.apiUrl(),
                "DISCORD_GATEWAY_URL", discord.gatewayUrl()), data, "Andy")).orElseThrow();
        channel.start(context);
        awaitState(ChannelState.Retrying.class);
        assertThat(lastError()).isEqualTo("Discord refused DISCORD_BOT_TOKEN (401): reset the token in the developer portal "
                + "(your application, Bot, Reset Token) and put the new one in .env");
        assertThat(discord.gateway().identifies()).isZero();
    }

    @Test
    void stopEndsTheSessionAndSaysStopped() {
        connect();
        channel.stop();
        awaitState(ChannelState.Stopped.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !discord.botConnected());
    }
}
