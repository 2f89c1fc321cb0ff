package dev.pincer.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

class ApiErrorsTest {

    @Test
    void aNetworkFailureSaysWhatWasCalledAndNeverShowsAToken() {
        var refused = new TelegramApiException("Unable to execute getupdates method", new ConnectException("Connection refused"));
        assertThat(ApiErrors.describe("getupdates", refused)).isEqualTo("getupdates: cannot connect to the Bot API (Connection refused)");
        var leaky = new TelegramApiException("x", new IOException("unexpected end of stream on https://api.telegram.org/bot123456:AAH-secret_part/getMe"));
        assertThat(ApiErrors.describe("getme", leaky)).doesNotContain("AAH-secret_part").contains("bot<token>/getMe");
        assertThat(ApiErrors.code(leaky)).isZero();
        assertThat(ApiErrors.rateLimit("getme", leaky)).isNull();
    }
}
