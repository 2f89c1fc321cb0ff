package dev.pincer.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.ChannelSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramSettingsTest {

    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    private static ChannelSettings settings(Map<String, String> values) {
        return new ChannelSettings(values, Path.of("target/tg"), "Andy");
    }

    @Test
    void withoutATokenTheChannelIsNotConfigured() {
        assertThat(TelegramSettings.from(settings(Map.of()))).isEmpty();
        assertThat(new TelegramProvider().create(settings(Map.of("TELEGRAM_API_URL", "http://x")))).isEmpty();
    }

    @Test
    void defaultsToTelegramAndKeepsTheTokensOutOfToString() {
        TelegramSettings s = TelegramSettings.from(settings(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "TELEGRAM_POOL_TOKENS", " 22:abcdefghijklmnop , ,33:abcdefghijklmnoq"))).orElseThrow();
        assertThat(s.telegramUrl().getHost()).isEqualTo("api.telegram.org");
        assertThat(s.telegramUrl().getPort()).isEqualTo(443);
        assertThat(s.poolTokens()).containsExactly("22:abcdefghijklmnop", "33:abcdefghijklmnoq");
        assertThat(TelegramSettings.botId(TOKEN)).isEqualTo(123456789L);
        assertThat(s.toString()).doesNotContain("AAHdq").doesNotContain("abcdefghijklmnop");
    }

    @Test
    void theApiUrlMayNameAPortButNoPath() {
        var s = TelegramSettings.from(settings(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", "http://127.0.0.1:8081/")))
                .orElseThrow();
        assertThat(s.telegramUrl().getSchema()).isEqualTo("http");
        assertThat(s.telegramUrl().getPort()).isEqualTo(8081);
        assertThatThrownBy(() -> TelegramSettings.from(settings(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "TELEGRAM_API_URL", "https://proxy.example/telegram")))).hasMessageContaining("TELEGRAM_API_URL")
                .hasMessageContaining("without a path");
        assertThatThrownBy(() -> TelegramSettings.from(settings(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "TELEGRAM_API_URL", "ftp://x")))).hasMessageContaining("http(s)://host");
    }

    @Test
    void aWrongTokenIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> TelegramSettings.from(settings(Map.of("TELEGRAM_BOT_TOKEN", "my-token"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TELEGRAM_BOT_TOKEN")
                .hasMessageContaining("@BotFather");
        assertThatThrownBy(() -> TelegramSettings.from(settings(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "TELEGRAM_POOL_TOKENS", TOKEN)))).hasMessageContaining("TELEGRAM_POOL_TOKENS");
        assertThatThrownBy(() -> TelegramSettings.from(settings(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "TELEGRAM_POOL_TOKENS", "22:abcdefghijklmnop,nonsense")))).hasMessageContaining("TELEGRAM_POOL_TOKENS")
                .hasMessageNotContaining("abcdefghijklmnop");
    }
}
