package dev.pincer.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelProvider;
import dev.pincer.host.channel.ChannelSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailProviderTest {

    @TempDir Path dir;

    private ChannelSettings settings(Map<String, String> values) {
        return new ChannelSettings(values, dir, "Andy");
    }

    @Test
    void itIsFoundByTheServiceLoaderAndListsItsSettings() {
        assertThat(ServiceLoader.load(ChannelProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(EmailProvider.class);
        assertThat(new EmailProvider().settings()).extracting(ChannelProvider.Setting::name)
                .containsExactly("EMAIL_IMAP_URL", "EMAIL_SMTP_URL", "EMAIL_ADDRESS");
        assertThat(new EmailProvider().settings()).filteredOn(ChannelProvider.Setting::secret)
                .extracting(ChannelProvider.Setting::name).containsExactly("EMAIL_IMAP_URL", "EMAIL_SMTP_URL");
    }

    @Test
    void withoutSettingsItIsNotConfiguredAndWithSomeItSaysWhatIsMissing() {
        assertThat(new EmailProvider().create(settings(Map.of()))).isEmpty();
        assertThatThrownBy(() -> new EmailProvider().create(settings(Map.of("EMAIL_ADDRESS", "andy@example.org"))))
                .hasMessageContaining("missing: EMAIL_IMAP_URL, EMAIL_SMTP_URL");
    }

    @Test
    void withAllThreeItMakesTheChannel() {
        Channel c = new EmailProvider().create(settings(Map.of("EMAIL_IMAP_URL", "imaps://a:b@imap.example.org/INBOX",
                "EMAIL_SMTP_URL", "smtps://a:b@smtp.example.org", "EMAIL_ADDRESS", "Andy <Andy@Example.org>"))).orElseThrow();
        assertThat(c.name()).isEqualTo("email");
        assertThat(c.owns("mail:ann@example.org")).isTrue();
        assertThat(c.owns("tg:1")).isFalse();
        assertThat(dir).as("nothing is written before start").isEmptyDirectory();
    }

    @Test
    void anAddressMustBeOne() {
        assertThat(EmailProvider.address("Andy <Andy@Example.org>")).isEqualTo("andy@example.org");
        assertThatThrownBy(() -> EmailProvider.address("andy")).hasMessageContaining("EMAIL_ADDRESS 'andy' is not an email address");
        assertThatThrownBy(() -> EmailProvider.address("a b@@c")).hasMessageContaining("EMAIL_ADDRESS");
    }
}
