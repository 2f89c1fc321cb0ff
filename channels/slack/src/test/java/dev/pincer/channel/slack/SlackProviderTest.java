package dev.pincer.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.ChannelFixtures;
import dev.pincer.host.channel.ChannelProvider;
import dev.pincer.host.channel.ChannelSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackProviderTest {

    private static ChannelSettings settings(Map<String, String> values) {
        return new ChannelSettings(values, Path.of("data/channels/slack"), "Andy");
    }

    @Test
    void isFoundByServiceLoaderAndOffWithoutTokens() {
        ChannelProvider slack = ChannelFixtures.installed("slack");
        assertThat(slack.create(settings(Map.of()))).isEmpty();
        assertThat(slack.settings()).extracting(ChannelProvider.Setting::name)
                .containsExactly("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_API_URL");
        assertThat(slack.settings()).filteredOn(ChannelProvider.Setting::required).allMatch(ChannelProvider.Setting::secret);
    }

    @Test
    void bothTokensMakeAChannelWithTheDefaultApi() {
        var channel = new SlackProvider().create(settings(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", " xapp-2 ")));
        assertThat(channel).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("slack");
            assertThat(c.owns("slack:C1")).isTrue();
            assertThat(c.capabilities().maxLength()).isEqualTo(3500);
            assertThat(c.capabilities().typing()).as("Slack has no typing indicator for bots").isFalse();
            assertThat(c.capabilities().threads()).isTrue();
            c.stop();
        });
        assertThat(SlackSettings.from(settings(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-2",
                "SLACK_API_URL", "http://127.0.0.1:9/api")))).hasValueSatisfying(s -> {
                    assertThat(s.apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
                    assertThat(s.toString()).doesNotContain("xoxb-1").doesNotContain("xapp-2");
                });
        assertThat(SlackSettings.from(settings(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-2"))))
                .hasValueSatisfying(s -> assertThat(s.apiUrl()).isEqualTo("https://slack.com/api/"));
    }

    @Test
    void aSocketSessionNeverShowsItsAppTokenAsString() {
        assertThat(new SocketSession(null, "xapp-secret-2", (event, me) -> { }).toString())
                .doesNotContain("xapp-secret-2").contains("****");
    }

    @Test
    void wrongSettingsAreRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> new SlackProvider().create(settings(Map.of("SLACK_BOT_TOKEN", "xoxb-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLACK_APP_TOKEN is not set");
        assertThatThrownBy(() -> new SlackProvider().create(settings(Map.of("SLACK_BOT_TOKEN", "xapp-1", "SLACK_APP_TOKEN", "xapp-2"))))
                .hasMessageContaining("SLACK_BOT_TOKEN must be a token starting with 'xoxb-'");
        assertThatThrownBy(() -> new SlackProvider().create(settings(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xoxb-2"))))
                .hasMessageContaining("SLACK_APP_TOKEN must be a token starting with 'xapp-'");
        assertThatThrownBy(() -> new SlackProvider().create(settings(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-2",
                "SLACK_API_URL", "ftp://x")))).hasMessageContaining("SLACK_API_URL 'ftp://x' must be an http(s) URL");
    }
}
