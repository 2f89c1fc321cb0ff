package dev.pincer.channel.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.Speaker;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the channel hands to the core, from messages on the fake Discord's gateway (real JDA in between). */
class DiscordInboundTest extends FakeDiscordTestBase {

    @BeforeEach
    void connected() {
        connect();
    }

    private Inbound awaitMessage(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> context.byId(id) != null);
        return context.byId(id);
    }

    @Test
    void aServerMessageHasItsChannelAsAGroupChatTheSendersNicknameAndTheBotsMention() {
        FakeDiscord.Server s = discord.server();
        String id = discord.say(s.channelId(), "hello there").from("4200", "bob").nick("Bobby").mentioningBot().send();
        Inbound in = awaitMessage(id);
        assertThat(in.chat()).isEqualTo(new Inbound.Chat("dc:" + s.channelId(), "#general (Family)", true));
        assertThat(in.sender()).isEqualTo(new Inbound.Sender("4200", "Bobby", false));
        assertThat(in.context().mentionsBot()).as("the mention entity").isTrue();
        assertThat(in.text()).isEqualTo("@andybot hello there");
        assertThat(in.context().threadId()).isNull();
        assertThat(in.context().time()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void mentioningTheBotsOwnRoleIsAMentionAnotherRoleOfItsIsNot() {
        FakeDiscord.Server s = discord.server();
        String own = discord.say(s.channelId(), "via the bot's role").mentioningRole(s.botRoleId()).send();
        String other = discord.say(s.channelId(), "via another role").mentioningRole(s.otherRoleId()).send();
        assertThat(awaitMessage(own).context().mentionsBot()).isTrue();
        assertThat(awaitMessage(other).context().mentionsBot()).isFalse();
        assertThat(awaitMessage(own).text()).isEqualTo("@andybot via the bot's role");
    }

    @Test
    void theBotsNameInTheTextIsNoMentionWithoutTheEntity() {
        String id = discord.say(discord.server().channelId(), "@andybot are you there?").send();
        assertThat(awaitMessage(id).context().mentionsBot()).isFalse();
    }

    @Test
    void aReplyAThreadAndAttachmentsAreMapped() {
        FakeDiscord.Server s = discord.server();
        String first = discord.say(s.threadId(), "first").send();
        String id = discord.say(s.threadId(), "see the files").replyingTo(first)
                .attaching("photo.png", "image/png", 2048).attaching("notes.pdf", "application/pdf", 4096)
                .attaching("clip.ogg", null, 512).send();
        Inbound in = awaitMessage(id);
        assertThat(in.chat().id()).as("a thread belongs to its channel's chat").isEqualTo("dc:" + s.channelId());
        assertThat(in.context().threadId()).isEqualTo(s.threadId());
        assertThat(in.context().replyToId()).isEqualTo(first);
        assertThat(in.attachments()).extracting(Inbound.Attachment::kind, Inbound.Attachment::name, Inbound.Attachment::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Inbound.Attachment.Kind.IMAGE, "photo.png", 2048L),
                        org.assertj.core.groups.Tuple.tuple(Inbound.Attachment.Kind.DOCUMENT, "notes.pdf", 4096L),
                        org.assertj.core.groups.Tuple.tuple(Inbound.Attachment.Kind.AUDIO, "clip.ogg", 512L));
        assertThat(in.attachments().get(0).mimeType()).isEqualTo("image/png");
        assertThat(in.attachments().get(0).fileId()).startsWith("https://cdn.discordapp.com/attachments/").endsWith("/photo.png");
    }

    @Test
    void aDirectMessageIsNoGroupAndItsPersonIsRemembered() throws Exception {
        String dm = FakeDiscord.dmChannelOf("4300");
        String id = discord.say(dm, "hi bot").from("4300", "cleo").send();
        Inbound in = awaitMessage(id);
        assertThat(in.chat()).isEqualTo(new Inbound.Chat("dc:" + dm, "Cleo", false));
        assertThat(in.sender()).isEqualTo(new Inbound.Sender("4300", "Cleo", false));
        assertThat(Files.readString(data.resolve(DirectChats.FILE))).contains(dm + "=4300");
    }

    @Test
    void theBotsOwnMessagesAreMarkedSelfByItsId() throws Exception {
        FakeDiscord.Server s = discord.server();
        String said = discord.say(s.channelId(), "I am the bot").fromBot().send();
        assertThat(awaitMessage(said).sender()).isEqualTo(new Inbound.Sender(discord.botId(), "andybot", true));

        String sent = channel.send(new Outgoing("dc:" + s.channelId(), "a reply", new Speaker("Andy", null), null,
                Outgoing.Part.ONLY));
        Inbound echo = awaitMessage(sent);
        assertThat(echo.sender().self()).as("Discord echoes what the bot sent; it comes back as its own").isTrue();
        assertThat(echo.text()).isEqualTo("a reply");
    }

    @Test
    void systemMessagesAndEmptyOnesAreNotHandedOver() {
        FakeDiscord.Server s = discord.server();
        String empty = discord.say(s.channelId(), "").send();
        String after = discord.say(s.channelId(), "after").send();
        awaitMessage(after);
        assertThat(context.byId(empty)).isNull();
    }
}
