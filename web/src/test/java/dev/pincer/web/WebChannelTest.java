package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.IncomingMessage;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.store.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebChannelTest {

    private static IncomingMessage hello() {
        return new IncomingMessage("web:main", "main", "id-1", null, "hello", Instant.now());
    }

    @Test
    void servesWebChatsAndSendingAlwaysSucceeds() {
        WebChannel channel = new WebChannel();
        assertThat(channel.name()).isEqualTo("web");
        assertThat(channel.owns("web:main")).isTrue();
        assertThat(channel.owns("tg:1")).isFalse();
        assertThatCode(() -> channel.send("web:main", "a reply", new Speaker("Andy", null))).doesNotThrowAnyException();
        assertThatThrownBy(() -> channel.send("tg:1", "x", new Speaker("Andy", null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forwardsToTheInboxOnlyWhileStarted() {
        WebChannel channel = new WebChannel();
        assertThatThrownBy(() -> channel.accept(hello())).isInstanceOf(WebChannel.NotStarted.class);

        List<IncomingMessage> seen = new ArrayList<>();
        channel.start(m -> {
            seen.add(m);
            return new StoredMessage(m.chatJid(), 1, m.id(), new StoredMessage.Sender(m.sender(), false), m.text(), m.time());
        });
        assertThat(channel.accept(hello()).seq()).isEqualTo(1);
        assertThat(seen).hasSize(1);

        channel.stop();
        assertThatThrownBy(() -> channel.accept(hello())).isInstanceOf(WebChannel.NotStarted.class);
    }
}
