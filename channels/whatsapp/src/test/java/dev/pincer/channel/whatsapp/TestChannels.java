package dev.pincer.channel.whatsapp;

import dev.pincer.host.channel.Webhook;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Channels against a {@link FakeGraph}, a clock tests can move, and webhook calls made directly. */
final class TestChannels {
    private TestChannels() {}

    static WhatsAppChannel channel(FakeGraph graph, Path dataDir, Clock clock) {
        return new WhatsAppChannel(new WhatsAppSettings(FakeGraph.TOKEN, FakeGraph.PHONE_ID, FakeGraph.APP_SECRET,
                FakeGraph.VERIFY_TOKEN, URI.create(graph.url())), dataDir, clock);
    }

    static Webhook.Response post(WhatsAppChannel channel, String body, String signature) {
        Map<String, List<String>> headers = signature == null ? Map.of() : Map.of("x-hub-signature-256", List.of(signature));
        return channel.webhook().orElseThrow().handle(new Webhook.Request("POST", Map.of(), headers,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    static Webhook.Response signed(WhatsAppChannel channel, String body) {
        return post(channel, body, WaPayloads.sign(body));
    }

    static Webhook.Response get(WhatsAppChannel channel, Map<String, String> query) {
        return channel.webhook().orElseThrow().handle(new Webhook.Request("GET", query, Map.of(), new byte[0]));
    }

    static String text(Webhook.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A clock that stands still until moved. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
