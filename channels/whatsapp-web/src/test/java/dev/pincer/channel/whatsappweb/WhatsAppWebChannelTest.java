package dev.pincer.channel.whatsappweb;

import dev.pincer.host.channel.RecordingContext;
import static dev.pincer.channel.whatsappweb.mapping.Wa.ANN;
import static dev.pincer.channel.whatsappweb.mapping.Wa.BOB;
import static dev.pincer.channel.whatsappweb.mapping.Wa.FAMILY;
import static dev.pincer.channel.whatsappweb.mapping.Wa.ME;
import static dev.pincer.channel.whatsappweb.mapping.Wa.message;
import static dev.pincer.channel.whatsappweb.mapping.Wa.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pincer.channel.whatsappweb.session.SessionFolder;
import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.Undeliverable;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.ImageMessageBuilder;
import it.auties.whatsapp.model.message.standard.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel around a session: what a connected session reports reaches the core as Pincer's
 * messages, replies go out as Cobalt messages under the assistant's name, Pincer's own messages are
 * recognised by id, and without a link the channel waits, saying how to link, without breaking anything.
 */
class WhatsAppWebChannelTest {

    static final Speaker ANDY = new Speaker("Andy", null);
    static final String ANN_CHAT = "wa:4915112345678@s.whatsapp.net";

    @TempDir Path dir;
    final RecordingContext context = new RecordingContext();
    final FakeAccount account = new FakeAccount();
    Channel started;

    @AfterEach
    void stop() {
        if (started != null) {
            started.stop();
        }
    }

    private WhatsAppWebChannel channel(Map<String, String> settings) {
        Optional<Channel> c = new WhatsAppWebProvider().create(new ChannelSettings(settings, dir.resolve("whatsapp-web"), "Andy"));
        return (WhatsAppWebChannel) c.orElseThrow();
    }

    private WhatsAppWebChannel connected(Map<String, String> settings) {
        WhatsAppWebChannel c = channel(settings);
        c.attach(context);
        c.events().ready(account);
        return c;
    }

    @Test
    void offWithoutItsSettingAndOnlyTheWaIdsWithAnAt() {
        assertThat(new WhatsAppWebProvider().create(new ChannelSettings(Map.of(), dir, "Andy"))).isEmpty();
        assertThat(new WhatsAppWebProvider().create(new ChannelSettings(Map.of("WHATSAPP_WEB", "off"), dir, "Andy"))).isEmpty();
        WhatsAppWebChannel c = channel(Map.of("WHATSAPP_WEB", "on"));
        assertThat(c.name()).isEqualTo("whatsapp-web");
        assertThat(c.owns(ANN_CHAT)).isTrue();
        assertThat(c.owns("wa:4915112345678")).as("the Cloud API's").isFalse();
        assertThat(c.pairsStrangers()).as("the owner's friends get no pairing codes").isFalse();
        assertThat(c.capabilities().media()).as("files only when asked for").isFalse();
        assertThat(channel(Map.of("WHATSAPP_WEB", "on", "WHATSAPP_WEB_SEND_FILES", "on")).capabilities().media()).isTrue();
    }

    @Test
    void notLinkedItWaitsSayingHowToLinkAndDoctorSaysTheSame() {
        WhatsAppWebChannel c = channel(Map.of("WHATSAPP_WEB", "on"));
        assertThatThrownBy(c::check).hasMessageContaining("run ./pincer whatsapp link");

        long before = System.nanoTime();
        c.start(context);
        started = c;
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("start never blocks").isLessThan(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> context.last() instanceof ChannelState.NeedsLinking);
        assertThat(((ChannelState.NeedsLinking) context.last()).how()).contains("./pincer whatsapp link");
        assertThat(context.last().label()).isEqualTo("needs linking");
        assertThat(Files.isDirectory(dir.resolve("whatsapp-web"))).isTrue();
        assertThatThrownBy(() -> c.send(new Outgoing(ANN_CHAT, "hi", ANDY, null, Outgoing.Part.ONLY)))
                .isInstanceOf(IOException.class).hasMessageContaining("not linked");
    }

    @Test
    void aLinkedSessionIsReportedByDoctorWithoutConnecting() throws Exception {
        Path folder = dir.resolve("whatsapp-web");
        new SessionFolder(folder).create();
        Files.writeString(folder.resolve("linked"), "wa:491700000001@s.whatsapp.net\n+491700000001 (Olivia)\n");
        assertThat(channel(Map.of("WHATSAPP_WEB", "on")).check()).hasValueSatisfying(s ->
                assertThat(s).contains("linked to +491700000001 (Olivia)").contains("not checked against WhatsApp"));
        assertThat(connected(Map.of("WHATSAPP_WEB", "on")).check()).hasValueSatisfying(s ->
                assertThat(s).startsWith("connected as 491700000001@s.whatsapp.net"));
    }

    @Test
    void receivedMessagesReachTheCoreAndPincersOwnAreMarkedSelf() throws Exception {
        WhatsAppWebChannel c = connected(Map.of("WHATSAPP_WEB", "on"));
        c.events().received(message(FAMILY, BOB, "G1", text("@Olivia what's for dinner?", java.util.List.of(ME.jid()), null)), ME);
        assertThat(context.received).singleElement().satisfies(m -> {
            assertThat(m.chat()).isEqualTo(new Inbound.Chat("wa:120363041234567890@g.us", "Family", true));
            assertThat(m.sender().name()).isEqualTo("Bob");
            assertThat(m.context().mentionsBot()).isTrue();
        });

        String sentId = c.send(new Outgoing("wa:120363041234567890@g.us", "Pasta.", ANDY, null, Outgoing.Part.ONLY));
        c.events().received(message(FAMILY, ME.jid(), sentId, true, MessageContainer.of("*Andy:* Pasta.")), ME);
        assertThat(context.received).hasSize(2);
        assertThat(context.received.get(1).sender().self()).as("recognised by its id").isTrue();

        c.events().received(message(FAMILY, BOB, "G2", text("and dessert?")), ME);
        assertThat(context.received).hasSize(3);
        assertThat(context.received.get(2).sender().self()).isFalse();
    }

    @Test
    void onlyTheListedChatsAndTheSelfChatWhenItIsMainReachPincer() {
        WhatsAppWebChannel c = connected(Map.of("WHATSAPP_WEB", "on", "WHATSAPP_WEB_CHATS", "wa:120363041234567890@g.us",
                "WHATSAPP_WEB_SELF_CHAT_MAIN", "on"));
        c.events().received(message(ANN, ANN, "D1", text("private")), ME);
        c.events().received(message(FAMILY, BOB, "G1", text("family")), ME);
        c.events().received(message(ME.selfChat(), ME.jid().withDevice(0), "N1", true, MessageContainer.of("note")), ME);
        assertThat(context.received).extracting(m -> m.chat().id())
                .containsExactly("wa:120363041234567890@g.us", "wa:491700000001@s.whatsapp.net");
    }

    @Test
    void aReplyGoesToTheChatUnderTheAssistantsNameQuotingTheMessageItAnswers() throws Exception {
        WhatsAppWebChannel c = connected(Map.of("WHATSAPP_WEB", "on"));
        var asked = message(ANN, ANN, "Q1", text("and the second point?", java.util.List.of(), "Q0"));
        account.held.put("Q1", asked);

        c.send(new Outgoing(ANN_CHAT, c.format("It's **due Friday** <script>&"), ANDY, new Outgoing.ReplyTo("Q1", null, true),
                new Outgoing.Part(1, 2)));
        c.send(new Outgoing(ANN_CHAT, "More.", new Speaker("Andy", "researcher"), new Outgoing.ReplyTo("Q1", null, true),
                new Outgoing.Part(2, 2)));

        assertThat(account.sent).extracting(FakeAccount.Sent::chat).containsOnly(ANN);
        TextMessage first = (TextMessage) account.sent.get(0).message().content();
        assertThat(first.text()).as("WhatsApp markup, nothing escaped").isEqualTo("*Andy:* It's *due Friday* <script>&");
        assertThat(first.contextInfo().flatMap(ctx -> ctx.quotedMessageId())).contains("Q1");
        TextMessage second = (TextMessage) account.sent.get(1).message().content();
        assertThat(second.text()).isEqualTo("*Andy · researcher:* More.");
        assertThat(second.contextInfo()).isEmpty();

        assertThatThrownBy(() -> c.send(new Outgoing("wa:4915112345678", "x", ANDY, null, Outgoing.Part.ONLY)))
                .isInstanceOf(Undeliverable.class);
        c.typing(ANN_CHAT);
        assertThat(account.typing).containsExactly(ANN);
    }

    @Test
    void aReceivedFileIsFetchedThroughTheSessionCappedAtTheLimit() throws Exception {
        WhatsAppWebChannel c = connected(Map.of("WHATSAPP_WEB", "on"));
        account.files.put("I1", "0123456789".getBytes());
        c.events().received(message(ANN, ANN, "I1", new ImageMessageBuilder().mimetype("image/jpeg").mediaSize(10L).build()), ME);
        Inbound.Attachment a = context.received.get(0).attachments().get(0);

        try (var in = c.fetch(a, 100)) {
            assertThat(in.readAllBytes()).isEqualTo("0123456789".getBytes());
        }
        try (var in = c.fetch(a, 4)) {
            assertThat(in.readAllBytes()).as("maxBytes + 1: the core sees it is too large").hasSize(5);
        }
        assertThatThrownBy(() -> c.fetch(new Inbound.Attachment(Inbound.Attachment.Kind.IMAGE, null, null, 1, "nonsense"), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filesAreSentOnlyWhenAskedForAndThenAsDocuments() throws Exception {
        Path pdf = Files.writeString(dir.resolve("r.pdf"), "%PDF-1.4");
        OutgoingFile f = new OutgoingFile(ANN_CHAT, new OutgoingFile.FileRef(pdf, "report.pdf", "application/pdf", 8), "here", ANDY, null);
        assertThatThrownBy(() -> connected(Map.of("WHATSAPP_WEB", "on")).sendFile(f))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("WHATSAPP_WEB_SEND_FILES=on");
        assertThat(account.sent).isEmpty();

        connected(Map.of("WHATSAPP_WEB", "on", "WHATSAPP_WEB_SEND_FILES", "on")).sendFile(f);
        assertThat(account.sent).singleElement().satisfies(s -> assertThat(s.message().content())
                .isInstanceOfSatisfying(DocumentMessage.class, d -> assertThat(d.fileName()).contains("report.pdf")));
    }

    @Test
    void settingsThatAreNotValidAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> channel(Map.of("WHATSAPP_WEB", "maybe"))).hasMessageContaining("WHATSAPP_WEB=on");
        assertThatThrownBy(() -> channel(Map.of("WHATSAPP_WEB", "on", "WHATSAPP_WEB_CHATS", "wa:4915112345678")))
                .hasMessageContaining("WHATSAPP_WEB_CHATS").hasMessageContaining("wa:<user>@<server>");
        assertThatThrownBy(() -> channel(Map.of("WHATSAPP_WEB", "on", "WHATSAPP_WEB_SELF_CHAT_MAIN", "2")))
                .hasMessageContaining("WHATSAPP_WEB_SELF_CHAT_MAIN");
        WebSettings s = WebSettings.from(new ChannelSettings(Map.of("WHATSAPP_WEB", "TRUE", "WHATSAPP_WEB_CHATS",
                " wa:1@g.us , wa:2@s.whatsapp.net ,"), dir, "Andy")).orElseThrow();
        assertThat(s.chats()).isEqualTo(Set.of("wa:1@g.us", "wa:2@s.whatsapp.net"));
        assertThat(s.admits("wa:1@g.us", "wa:9@s.whatsapp.net")).isTrue();
        assertThat(s.admits("wa:3@g.us", "wa:9@s.whatsapp.net")).isFalse();
        assertThat(s.admits("wa:9@s.whatsapp.net", "wa:9@s.whatsapp.net")).as("self chat, not main").isFalse();
    }
}
