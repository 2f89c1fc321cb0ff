package dev.pincer.host.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.Inbox;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.StoredMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery shows who speaks the same way everywhere: the assistant, or "assistant · role" for a sub-agent. */
class OutboxTest {

    @TempDir Path dir;

    record Sent(String chat, String text, Speaker speaker) {}

    static final class Recording implements Channel {
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override public String name() { return "web"; }

        @Override public void start(Inbox inbox) { }

        @Override public void send(String chatJid, String text, Speaker speaker) {
            sent.add(new Sent(chatJid, text, speaker));
        }

        @Override public void stop() { }
    }

    @Test
    void aSubAgentIsShownAsTheAssistantsAndStoredUnderThatName() {
        try (Database db = Database.open(dir.resolve("store/pincer.db"))) {
            MessageStore messages = new MessageStore(db);
            OutboxStore store = new OutboxStore(db, messages);
            Recording channel = new Recording();
            store.enqueue("web:main", "three listings found", "researcher");
            store.enqueue("web:main", "done", null);

            assertThat(new Outbox(store, List.of(channel), "Andy").deliverPending()).isTrue();

            assertThat(channel.sent).extracting(Sent::speaker)
                    .containsExactly(new Speaker("Andy", "researcher"), new Speaker("Andy", null));
            assertThat(channel.sent).extracting(s -> s.speaker().shown()).containsExactly("Andy · researcher", "Andy");
            assertThat(messages.after("web:main", 0, 10)).extracting(m -> m.sender().name(), m -> m.sender().assistant())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Andy · researcher", true),
                            org.assertj.core.groups.Tuple.tuple("Andy", true));
            assertThat(messages.humanSenders("web:main")).as("the assistant's messages are nobody's name").isEmpty();
        }
    }
}
