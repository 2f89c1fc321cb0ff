package dev.pincer.host.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.channel.Inbound;
import dev.pincer.host.config.Layout;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.pairing.Pairing;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the router does with messages from chat channels: who may trigger, what is only recorded, pairing. */
class RouterChannelsTest {

    @TempDir Path dir;
    Database db;
    MessageStore messages;
    GroupStore groups;
    GroupRegistry registry;
    OutboxStore outbox;
    Pairing pairing;
    Router router;
    final List<String> woken = new ArrayList<>();

    @BeforeEach
    void open() {
        Layout layout = new Layout(dir);
        db = Database.open(layout.database());
        messages = new MessageStore(db);
        groups = new GroupStore(db);
        registry = new GroupRegistry(groups, layout, "Andy");
        outbox = new OutboxStore(db, messages);
        pairing = new Pairing(db, registry, ReplyQueue.of(outbox, () -> { }), "Andy", Clock.systemUTC());
        router = new Router(messages, groups, woken::add, null, pairing, null);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Inbound say(String chat, boolean group, String senderId, String text, boolean mentions) {
        return new Inbound(new Inbound.Chat(chat, "Chat " + chat, group), new Inbound.Sender(senderId, "Name " + senderId, false),
                UUID.randomUUID().toString(), text, new Inbound.Context(null, null, mentions, Instant.now()), List.of());
    }

    @Test
    void theBotsOwnMessageIsDroppedAndNeverTriggers() {
        registry.register(new Group("fam", "tg:1", "Family", new Group.Trigger("@Andy", false), false, "{}"));
        var own = new Inbound(new Inbound.Chat("tg:1", "Family", true), new Inbound.Sender("bot-7", "Andy", true), "m1",
                "@Andy hi", null, List.of());
        assertThat(router.accept(own)).isNull();
        assertThat(woken).isEmpty();
        assertThat(messages.count()).isZero();
    }

    @Test
    void aPlatformMentionTriggersLikeTheTriggerWord() {
        registry.register(new Group("fam", "tg:1", "Family", new Group.Trigger("@Andy", true), false, "{}"));
        router.accept(say("tg:1", true, "u1", "what do you think, bot?", false));
        assertThat(woken).isEmpty();
        router.accept(say("tg:1", true, "u1", "what do you think, bot?", true));
        assertThat(woken).containsExactly("fam");
    }

    @Test
    void onlyAllowlistedSendersTriggerButEveryoneIsStored() {
        registry.register(new Group("fam", "tg:1", "Family", new Group.Trigger("@Andy", false), false, "{\"senders\":[\"u1\"]}"));
        router.accept(say("tg:1", true, "u2", "@Andy do my homework", true));
        assertThat(woken).isEmpty();
        router.accept(say("tg:1", true, "u1", "hello", false));
        assertThat(woken).containsExactly("fam");
        assertThat(messages.after("tg:1", 0, 10)).extracting(m -> m.sender().id()).containsExactly("u2", "u1");
    }

    @Test
    void anUnregisteredChatIsRecordedAndGetsNothing() {
        router.accept(say("tg:-100", true, "u1", "@Andy hello", true));
        assertThat(woken).isEmpty();
        assertThat(outbox.pending(10)).isEmpty();
        assertThat(messages.chats()).singleElement().satisfies(c -> {
            assertThat(c.chat().jid()).isEqualTo("tg:-100");
            assertThat(c.chat().group()).isTrue();
            assertThat(c.chat().channel()).isEqualTo("tg");
            assertThat(c.lastMessageTime()).isNotNull();
        });
    }

    @Test
    void anUnknownDirectMessageGetsOneCodeAnHourAndApprovalRegistersTheChatWithoutItsPast() {
        router.accept(say("tg:42", false, "u42", "hi, who are you?", false));
        router.accept(say("tg:42", false, "u42", "hello??", false));
        assertThat(outbox.pending(10)).singleElement().satisfies(p -> assertThat(p.text()).contains("./pincer pair "));
        String code = pairing.waiting().get(0).code();
        assertThat(woken).isEmpty();

        assertThat(pairing.approve(code.toLowerCase())).hasValueSatisfying(a -> {
            assertThat(a.group().jid()).isEqualTo("tg:42");
            assertThat(a.group().trigger().required()).isFalse();
        });
        Group g = groups.byJid("tg:42").orElseThrow();
        assertThat(groups.cursor(g.folder())).as("nothing said before approval reaches a model").isEqualTo(2);
        assertThat(pairing.approve(code)).as("a code is used once").isEmpty();

        router.accept(say("tg:42", false, "u42", "now?", false));
        assertThat(woken).containsExactly(g.folder());
    }

    @Test
    void aChannelThatPairsNobodyRecordsTheDirectMessageAndSendsNoCode() {
        Pairing none = new Pairing(db, registry, ReplyQueue.of(outbox, () -> { }), "Andy", Clock.systemUTC(),
                chat -> !chat.startsWith("wa:"));
        Router personal = new Router(messages, groups, woken::add, null, none, null);
        personal.accept(say("wa:4915112345678@s.whatsapp.net", false, "4915112345678@s.whatsapp.net", "hi, dinner?", false));
        assertThat(outbox.pending(10)).as("a friend writing to the owner gets no pairing code").isEmpty();
        assertThat(none.waiting()).isEmpty();
        assertThat(messages.count()).as("the chat is still recorded").isEqualTo(1);

        personal.accept(say("tg:42", false, "u42", "hi", false));
        assertThat(outbox.pending(10)).as("other channels still pair").hasSize(1);
    }

    @Test
    void webChatsNeverGetAPairingCode() {
        router.accept(say("web:kitchen", false, "ann", "hello", false));
        assertThat(outbox.pending(10)).isEmpty();
    }

    @Test
    void aMessageTheCoreCannotTakeIsRefusedWithTheReasonAndNothingIsStored() {
        assertThatThrownBy(() -> router.accept(say("tg:1", true, "u1", "   ", false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThat(messages.count()).isZero();
    }

    @Test
    void aMessageWithOnlyAnAttachmentSaysWhatCame() {
        var photo = new Inbound(new Inbound.Chat("tg:1", null, true), new Inbound.Sender("u1", "Ann", false), "m9", "",
                null, List.of(new Inbound.Attachment(Inbound.Attachment.Kind.IMAGE, "cat.jpg", "image/jpeg", 1234, "f1")));
        assertThat(router.accept(photo).text()).isEqualTo("[image: cat.jpg]");
    }
}
