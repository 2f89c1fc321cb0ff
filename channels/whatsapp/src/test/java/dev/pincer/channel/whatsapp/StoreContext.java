package dev.pincer.channel.whatsapp;

import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.router.Router;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.StoredMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A context like the host's: what the channel hands in goes through the real router into a real
 * SQLite store (which keeps one message per chat and id); states and what main would be told are recorded.
 */
final class StoreContext implements ChannelContext, AutoCloseable {
    final List<Inbound> received = new CopyOnWriteArrayList<>();
    final List<ChannelState> states = new CopyOnWriteArrayList<>();
    final List<String> toMain = new CopyOnWriteArrayList<>();
    private final Database db;
    final MessageStore messages;
    private final Router router;

    StoreContext(Path dir) {
        db = Database.open(dir.resolve("pincer.db"));
        messages = new MessageStore(db);
        router = new Router(messages, new GroupStore(db), folder -> { });
    }

    @Override
    public void receive(Inbound message) {
        received.add(message);
        router.accept(message);
    }

    @Override
    public void state(ChannelState state) {
        states.add(state);
    }

    @Override
    public void tellMain(String chatId, String text) {
        toMain.add(chatId + ": " + text);
    }

    List<StoredMessage> stored(String chat) {
        return messages.after(chat, 0, 100);
    }

    String lastState() {
        return states.isEmpty() ? "none" : states.getLast().label();
    }

    @Override
    public void close() {
        db.close();
    }
}
