package dev.pincer.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pincer.channel.whatsapp.graph.GraphException;
import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Outgoing;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The channel's state is whether the Graph API takes the token: {@code doctor}'s check, an outage
 * at start or later shown as retrying with its error, and connected again when the API is back,
 * without a restart.
 */
class WhatsAppConnectionTest extends GraphChannelTest {

    @Test
    void theCheckNamesThePhoneNumberOrSaysWhichSettingToFix() throws Exception {
        assertThat(channel.check()).hasValue("phone number +1 555-0100 (Pincer Test) accepted");

        WhatsAppChannel wrongToken = new WhatsAppChannel(new WhatsAppSettings("expired", FakeGraph.PHONE_ID, FakeGraph.APP_SECRET,
                FakeGraph.VERIFY_TOKEN, URI.create(graph.url())), dir.resolve("data"), Clock.systemUTC());
        assertThatThrownBy(wrongToken::check).hasMessageContaining("error 190").hasMessageContaining("WHATSAPP_TOKEN");
    }

    @Test
    void anOutageAtStartIsRetriedUntilTheApiIsBack() {
        graph.down(true);
        channel.start(context);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.lastState().equals("retrying"));
        assertThat(context.states).filteredOn(s -> s instanceof ChannelState.Retrying).first()
                .satisfies(s -> assertThat(((ChannelState.Retrying) s).error()).contains("HTTP 503"));

        graph.down(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> context.lastState().equals("connected"));
    }

    @Test
    void aSendThatFindsTheApiDownMarksTheChannelRetryingUntilItIsBack() throws Exception {
        channel.start(context);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.lastState().equals("connected"));
        TestChannels.signed(channel, WaPayloads.text("4915112345678", "Ann", "wamid.IN", "hi"));

        graph.down(true);
        assertThatThrownBy(() -> channel.send(new Outgoing("wa:4915112345678", "hello", null, null, Outgoing.Part.ONLY)))
                .isInstanceOf(GraphException.class).hasMessageContaining("HTTP 503");
        await().atMost(Duration.ofSeconds(10)).until(() -> context.lastState().equals("retrying"));

        graph.down(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> context.lastState().equals("connected"));
        assertThat(channel.send(new Outgoing("wa:4915112345678", "hello again", null, null, Outgoing.Part.ONLY))).startsWith("wamid.");
    }

    @Test
    void anUnreachableApiIsAnOutageToo() {
        graph.close();
        channel.start(context);
        await().atMost(Duration.ofSeconds(10)).until(() -> context.lastState().equals("retrying"));
        assertThat(((ChannelState.Retrying) context.states.getLast()).error()).contains("cannot reach the WhatsApp Cloud API");
    }

    @Test
    void theProviderNeedsAllFourSettingsAndSaysWhichAreMissing() {
        WhatsAppProvider p = new WhatsAppProvider();
        assertThat(p.name()).isEqualTo("whatsapp");
        assertThat(p.create(settings(Map.of()))).isEmpty();
        assertThatThrownBy(() -> p.create(settings(Map.of("WHATSAPP_TOKEN", "t", "WHATSAPP_PHONE_NUMBER_ID", "1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WHATSAPP_APP_SECRET").hasMessageContaining("WHATSAPP_VERIFY_TOKEN");
        Map<String, String> all = Map.of("WHATSAPP_TOKEN", "t", "WHATSAPP_PHONE_NUMBER_ID", "+1 555 0100",
                "WHATSAPP_APP_SECRET", "s", "WHATSAPP_VERIFY_TOKEN", "v");
        assertThatThrownBy(() -> p.create(settings(all))).hasMessageContaining("phone number id (digits)");
        var fixed = new java.util.HashMap<>(all);
        fixed.put("WHATSAPP_PHONE_NUMBER_ID", "106540352242922");
        fixed.put("WHATSAPP_GRAPH_URL", "ftp://example");
        assertThatThrownBy(() -> p.create(settings(fixed))).hasMessageContaining("WHATSAPP_GRAPH_URL");
        fixed.remove("WHATSAPP_GRAPH_URL");
        assertThat(p.create(settings(fixed))).hasValueSatisfying(c -> {
            assertThat(c.prefix()).isEqualTo("wa");
            assertThat(c.owns("wa:4915112345678")).isTrue();
            assertThat(c.capabilities().typing()).isFalse();
            assertThat(c.capabilities().media()).isTrue();
        });
        assertThat(java.util.ServiceLoader.load(dev.pincer.host.channel.ChannelProvider.class).stream()
                .map(java.util.ServiceLoader.Provider::type)).contains(WhatsAppProvider.class);
        assertThat(p.settings()).filteredOn(dev.pincer.host.channel.ChannelProvider.Setting::required).hasSize(4);
    }

    private ChannelSettings settings(Map<String, String> values) {
        return new ChannelSettings(values, dir.resolve("data"), "Andy");
    }
}
