package dev.pincer.channel.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.ChannelFixtures;
import dev.pincer.host.channel.ChannelProvider;
import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Speaker;
import java.nio.file.Path;
import java.util.Map;
import net.dv8tion.jda.api.requests.CloseCode;
import org.junit.jupiter.api.Test;

/** Settings, the provider and the pieces that need no Discord. */
class DiscordSettingsTest {

    private static ChannelSettings settings(Map<String, String> values) {
        return new ChannelSettings(values, Path.of("target/discord-settings-test"), "Andy");
    }

    @Test
    void theProviderIsFoundAndEnabledOnlyWithAToken() {
        ChannelProvider p = ChannelFixtures.installed("discord");
        assertThat(p.settings()).extracting(ChannelProvider.Setting::name)
                .containsExactly("DISCORD_BOT_TOKEN", "DISCORD_API_URL", "DISCORD_GATEWAY_URL");
        assertThat(p.settings().get(0).secret()).isTrue();
        assertThat(p.create(settings(Map.of()))).isEmpty();
        assertThat(p.create(settings(Map.of("DISCORD_BOT_TOKEN", "abc.def")))).get()
                .satisfies(c -> assertThat(c.prefix()).isEqualTo("dc"));
    }

    @Test
    void theDefaultsAreDiscordsAndABotPrefixIsDropped() {
        DiscordSettings s = DiscordSettings.from(settings(Map.of("DISCORD_BOT_TOKEN", "Bot abc.def"))).orElseThrow();
        assertThat(s.token()).isEqualTo("abc.def");
        assertThat(s.apiUrl()).isEqualTo("https://discord.com/api/v10/");
        assertThat(s.gatewayUrl()).isEqualTo("wss://gateway.discord.gg/");
        assertThat(s.toString()).doesNotContain("abc.def");
        assertThat(DiscordSettings.from(settings(Map.of("DISCORD_BOT_TOKEN", "t", "DISCORD_API_URL", "http://127.0.0.1:1/api")))
                .orElseThrow().apiUrl()).isEqualTo("http://127.0.0.1:1/api/");
    }

    @Test
    void aWrongSettingIsNamedWithHowToFixIt() {
        assertThatThrownBy(() -> DiscordSettings.from(settings(Map.of("DISCORD_BOT_TOKEN", "two words"))))
                .hasMessageContaining("DISCORD_BOT_TOKEN").hasMessageContaining("Reset Token");
        assertThatThrownBy(() -> DiscordSettings.from(settings(Map.of("DISCORD_BOT_TOKEN", "t", "DISCORD_API_URL", "ws://x/"))))
                .hasMessageContaining("DISCORD_API_URL must be a http:// or https:// URL");
        assertThatThrownBy(() -> DiscordSettings.from(settings(Map.of("DISCORD_BOT_TOKEN", "t", "DISCORD_GATEWAY_URL", "x y"))))
                .hasMessageContaining("DISCORD_GATEWAY_URL is not a URL");
    }

    @Test
    void aFilesKindComesFromItsContentTypeOrName() {
        assertThat(InboundMessages.kind("image/webp", "x", false)).isEqualTo(Inbound.Attachment.Kind.IMAGE);
        assertThat(InboundMessages.kind("video/mp4", "x", false)).isEqualTo(Inbound.Attachment.Kind.VIDEO);
        assertThat(InboundMessages.kind("audio/ogg", "voice-message.ogg", true)).isEqualTo(Inbound.Attachment.Kind.VOICE);
        assertThat(InboundMessages.kind(null, "Photo.JPG", false)).isEqualTo(Inbound.Attachment.Kind.IMAGE);
        assertThat(InboundMessages.kind("text/plain; charset=utf-8", "a.txt", false)).isEqualTo(Inbound.Attachment.Kind.DOCUMENT);
    }

    @Test
    void aSubAgentsNameIsEscapedAndShortEnough() {
        assertThat(Outbound.withSpeaker(new Speaker("Andy", null), "hi")).isEqualTo("hi");
        assertThat(Outbound.withSpeaker(new Speaker("*Andy*", "web_researcher"), "hi"))
                .isEqualTo("**\\*Andy\\* · web\\_researcher**\nhi");
        String shown = Outbound.withSpeaker(new Speaker("A".repeat(300), "r"), "hi");
        assertThat(shown.length() - "hi".length()).isLessThanOrEqualTo(Outbound.SPEAKER_ROOM);
        assertThat(DiscordChannel.MAX_LENGTH + Outbound.SPEAKER_ROOM).isEqualTo(2000);
    }

    @Test
    void gatewayCloseCodesSayWhatToDo() {
        assertThat(GatewayStates.describe(CloseCode.AUTHENTICATION_FAILED, 4004)).contains("DISCORD_BOT_TOKEN").contains("Reset Token");
        assertThat(GatewayStates.describe(CloseCode.DISALLOWED_INTENTS, 4014)).contains("Message Content Intent");
        assertThat(GatewayStates.describe(null, 4999)).isEqualTo("Discord closed the gateway (code 4999)");
    }
}
