package dev.pincer.channel.whatsappweb.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.ChatId;
import it.auties.whatsapp.model.jid.Jid;
import org.junit.jupiter.api.Test;

/** {@code wa:<user>@<server>}: people, groups and hidden numbers never collide, and never with the Cloud API's {@code wa:<digits>}. */
class ChatIdsTest {

    @Test
    void aChatIdIsTheJidWithoutItsDevice() {
        assertThat(ChatIds.of(Jid.of("4915112345678:12@s.whatsapp.net"))).isEqualTo("wa:4915112345678@s.whatsapp.net");
        assertThat(ChatIds.of(Jid.of("120363041234567890@g.us"))).isEqualTo("wa:120363041234567890@g.us");
        assertThat(ChatIds.of(Jid.of("81234567890123@lid"))).isEqualTo("wa:81234567890123@lid");
        assertThat(ChatId.check(ChatIds.of(Jid.of("120363041234567890@g.us")))).as("a valid Pincer chat id").isNotNull();
        assertThat(ChatIds.jid("wa:120363041234567890@g.us")).isEqualTo(Jid.of("120363041234567890@g.us"));
        assertThat(ChatIds.group(ChatIds.jid("wa:120363041234567890@g.us"))).isTrue();
        assertThat(ChatIds.group(ChatIds.jid("wa:4915112345678@s.whatsapp.net"))).isFalse();
    }

    @Test
    void withAnAtItIsWhatsAppWebsWithoutOneTheCloudApis() {
        assertThat(ChatIds.owns("wa:4915112345678@s.whatsapp.net")).isTrue();
        assertThat(ChatIds.owns("wa:120363041234567890@g.us")).isTrue();
        assertThat(ChatIds.owns("wa:4915112345678")).as("the Cloud API's").isFalse();
        assertThat(ChatIds.owns("tg:4915112345678@s.whatsapp.net")).isFalse();
        assertThat(ChatIds.owns("wa:@g.us")).isFalse();
        assertThat(ChatIds.owns("wa:1@")).isFalse();
        assertThat(ChatIds.owns("wa:1@g.us@g.us")).isFalse();
        assertThatThrownBy(() -> ChatIds.jid("wa:4915112345678")).hasMessageContaining("wa:<user>@<server>");
    }
}
