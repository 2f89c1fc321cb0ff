package dev.pincer.host.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.RecordingChannel;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.Undeliverable;
import dev.pincer.host.store.FreshStore;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery: who speaks is shown the same way everywhere; a long reply goes in parts, each within the
 * channel's limit after its formatting, and a part the channel took is never sent again; a channel
 * that is down or asks to slow down holds up only its own chats.
 */
class OutboxTest extends FreshStore {

    MessageStore messages;
    OutboxStore store;

    @BeforeEach
    void open() {
        messages = new MessageStore(db);
        store = new OutboxStore(db, messages);
    }

    private static RecordingChannel chat(int maxLength) {
        return new RecordingChannel("chat", "ch", new Capabilities(maxLength, true, Duration.ofSeconds(4), false, false, false));
    }

    @Test
    void aSubAgentIsShownAsTheAssistantsAndStoredUnderThatName() {
        RecordingChannel channel = RecordingChannel.web();
        store.enqueue("web:main", "three listings found", "researcher");
        store.enqueue("web:main", "done", null);

        assertThat(new Outbox(store, List.of(channel), "Andy", f -> dir.resolve("groups").resolve(f).resolve("inbox")).deliverPending()).isTrue();

        assertThat(channel.sent).extracting(Outgoing::speaker)
                .containsExactly(new Speaker("Andy", "researcher"), new Speaker("Andy", null));
        assertThat(channel.sent).extracting(s -> s.speaker().shown()).containsExactly("Andy · researcher", "Andy");
        assertThat(messages.after("web:main", 0, 10)).extracting(m -> m.sender().name(), m -> m.sender().assistant())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Andy · researcher", true),
                        org.assertj.core.groups.Tuple.tuple("Andy", true));
        assertThat(messages.humanSenders("web:main")).as("the assistant's messages are nobody's name").isEmpty();
    }

    @Test
    void aLongReplyGoesInPartsWithinTheLimitAfterFormattingAndAFailedPartDoesNotResendTheOnesBefore() {
        RecordingChannel channel = chat(200).failNext(new IOException("the platform hung up"));
        String paragraph = "Fish & chips, ".repeat(6).strip();
        String reply = String.join("\n\n", List.of(paragraph, paragraph, paragraph, paragraph));
        store.enqueue("ch:1", reply, null);
        Outbox outbox = new Outbox(store, List.of(channel), "Andy", f -> dir.resolve("groups").resolve(f).resolve("inbox"));

        assertThat(outbox.deliverPending()).as("the first part failed").isFalse();
        assertThat(outbox.deliverPending()).isTrue();

        assertThat(channel.sent).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(200))
                .allSatisfy(p -> assertThat(p.text()).contains("&amp;"));
        assertThat(channel.sent).extracting(p -> p.part().index()).as("each part once, in order")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, channel.sent.size()).boxed().toList());
        assertThat(String.join("\n\n", channel.sent.stream().map(p -> p.text().replace("&amp;", "&")).toList()))
                .isEqualTo(reply);
        assertThat(store.pending(10)).isEmpty();
    }

    @Test
    void aPartTheChannelTookIsNotSentAgainAfterACrash() {
        RecordingChannel channel = chat(120);
        long id = store.enqueue("ch:1", "one two three four five six seven eight nine ten. ".repeat(6).strip(), null);
        store.markPartSent(id, 1); // the channel took part 1, then the host died

        assertThat(new Outbox(store, List.of(channel), "Andy", f -> dir.resolve("groups").resolve(f).resolve("inbox")).deliverPending()).isTrue();
        assertThat(channel.sent).extracting(p -> p.part().index()).doesNotContain(1).startsWith(2);
    }

    /** {@code channel}, serving only the chats {@code owns} accepts. */
    private static Channel owning(RecordingChannel channel, java.util.function.Predicate<String> owns) {
        return new Channel() {
            @Override public String name() { return channel.name(); }
            @Override public String prefix() { return channel.prefix(); }
            @Override public Capabilities capabilities() { return channel.capabilities(); }
            @Override public boolean owns(String chatId) { return chatId.startsWith(prefix() + ":") && owns.test(chatId); }
            @Override public void start(dev.pincer.host.channel.ChannelContext context) { channel.start(context); }
            @Override public String send(Outgoing message) throws Exception { return channel.send(message); }
            @Override public void stop() { channel.stop(); }
        };
    }

    @Test
    void twoChannelsOfOnePrefixEachDeliverOnlyTheChatsTheyOwn() {
        Capabilities caps = new Capabilities(500, true, null, false, false, false);
        RecordingChannel cloud = new RecordingChannel("whatsapp", "wa", caps);
        RecordingChannel personal = new RecordingChannel("whatsapp-web", "wa", caps);
        store.enqueue("wa:4915112345678", "to a number", null);
        store.enqueue("wa:120363041234567890@g.us", "to a group", null);
        store.enqueue("wa:4915112345678", "again to the number", null);

        assertThat(new Outbox(store, List.of(owning(cloud, id -> !id.contains("@")), owning(personal, id -> id.contains("@"))),
                "Andy", f -> dir.resolve("groups").resolve(f).resolve("inbox")).deliverPending()).isTrue();

        assertThat(cloud.sent).extracting(Outgoing::chatId).containsExactly("wa:4915112345678", "wa:4915112345678");
        assertThat(personal.sent).extracting(Outgoing::chatId).containsExactly("wa:120363041234567890@g.us");
    }

    @Test
    void aRateLimitedOrDownChannelHoldsUpOnlyItsOwnChats() throws Exception {
        RecordingChannel slow = chat(500).failNext(RecordingChannel.rateLimited(Duration.ofSeconds(30)));
        RecordingChannel web = RecordingChannel.web();
        store.enqueue("ch:1", "first", null);
        store.enqueue("ch:1", "second", null);
        store.enqueue("web:main", "for the web", null);
        try (Outbox outbox = new Outbox(store, List.of(slow, web), "Andy", f -> dir.resolve("groups").resolve(f).resolve("inbox"))) {
            outbox.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> web.sent.size() == 1);
            Thread.sleep(300);
            assertThat(slow.sent).as("the channel asked for 30 s: nothing is hammered meanwhile").isEmpty();
            assertThat(store.pending("ch", 10)).extracting(OutboxStore.Pending::text).containsExactly("first", "second");
        }
    }

    @Test
    void aReplyGoesToTheThreadOfTheMessageItAnswers() {
        RecordingChannel channel = chat(500);
        long id = store.enqueue("ch:1", "answer", null);
        db.tx(c -> dev.pincer.host.store.Sql.update(c,
                "UPDATE outbox SET reply_to = 'm-7', thread_id = 't-1', reply_is_reply = 1 WHERE id = ?", id));

        new Outbox(store, List.of(channel), "Andy", f -> dir.resolve("groups").resolve(f).resolve("inbox")).deliverPending();

        assertThat(channel.sent).singleElement().extracting(Outgoing::replyTo)
                .isEqualTo(new Outgoing.ReplyTo("m-7", "t-1", true));
    }

    @Test
    void aReplyThePlatformRefusesForGoodIsGivenUpOnceAndTheMainGroupIsTold() {
        new GroupStore(db).register(new Group("main", "web:main", "Main", new Group.Trigger("@Andy", false), true, null));
        RecordingChannel channel = chat(500).failNext(new Undeliverable("the 24-hour window is closed"));
        RecordingChannel web = RecordingChannel.web();
        long refused = store.enqueue("ch:1", "the answer nobody gets", null);
        store.enqueue("ch:1", "a later reply", null);

        assertThat(new Outbox(store, List.of(channel, web), "Andy", f -> dir.resolve("groups").resolve(f).resolve("inbox")).deliverPending()).isTrue();

        assertThat(channel.sent).extracting(Outgoing::text).as("not retried; the next reply goes on")
                .containsExactly("a later reply");
        assertThat(store.givenUp(refused)).hasValueSatisfying(e -> assertThat(e).contains("24-hour window"));
        assertThat(store.pending(10)).isEmpty();
        assertThat(store.undeliveredCount()).isZero();
        assertThat(web.sent).singleElement().extracting(Outgoing::text).asString()
                .contains("ch:1").contains("could not be delivered").contains("24-hour window")
                .contains("the answer nobody gets");
        assertThat(messages.after("ch:1", 0, 10)).extracting(m -> m.text()).containsExactly("a later reply");
    }

    @Test
    void aRefusedReplyToTheMainChatItselfQueuesNoNoticeThere() {
        new GroupStore(db).register(new Group("main", "ch:main", "Main", new Group.Trigger("@Andy", false), true, null));
        RecordingChannel channel = chat(500).failNext(new Undeliverable("blocked"));
        long refused = store.enqueue("ch:main", "hello", null);

        assertThat(new Outbox(store, List.of(channel), "Andy", f -> dir.resolve("groups").resolve(f).resolve("inbox")).deliverPending()).isTrue();

        assertThat(store.givenUp(refused)).isPresent();
        assertThat(channel.sent).isEmpty();
        assertThat(store.pending(10)).isEmpty();
    }
}
