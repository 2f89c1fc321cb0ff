package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.Speaker;
import org.junit.jupiter.api.Test;

class WebChannelTest {

    private static Outgoing to(String chat) {
        return new Outgoing(chat, "a reply", new Speaker("Andy", null), null, Outgoing.Part.ONLY);
    }

    @Test
    void servesWebChatsAndSendingAlwaysSucceeds() throws Exception {
        WebChannel channel = new WebChannel(new Uploads(java.nio.file.Path.of("target/no-uploads"), 1000));
        assertThat(channel.name()).isEqualTo("web");
        assertThat(channel.prefix()).isEqualTo("web");
        assertThat(channel.owns("web:main")).isTrue();
        assertThat(channel.owns("tg:1")).isFalse();
        assertThat(channel.send(to("web:main"))).isNull();
        assertThatThrownBy(() -> channel.send(to("tg:1"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(channel.capabilities().typing()).as("the page shows typing from /api/events").isFalse();
    }
}
