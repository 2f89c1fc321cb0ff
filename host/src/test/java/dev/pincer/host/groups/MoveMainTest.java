package dev.pincer.host.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.config.Layout;
import dev.pincer.host.store.FreshStore;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.StoredMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The main group can answer in another chat (WhatsApp's chat with oneself) and come back to the web chat. */
class MoveMainTest extends FreshStore {

    @Test
    void mainMovesToAnotherChatKeepingItsFolderAndSkippingWhatWasSaidThereBefore() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        GroupStore store = new GroupStore(db);
        MessageStore messages = new MessageStore(db);
        GroupRegistry registry = new GroupRegistry(store, new Layout(home), "Andy");
        registry.ensureDefaults();
        String self = "wa:4915112345678@s.whatsapp.net";
        for (int i = 0; i < 3; i++) {
            messages.append(new StoredMessage.Chat(self, "Ann", "wa", false), "m" + i,
                    new StoredMessage.Sender("ann", "Ann", false), "note " + i, StoredMessage.Meta.at(Instant.now()));
        }

        Group main = registry.moveMain(self);

        assertThat(main.jid()).isEqualTo(self);
        assertThat(main.folder()).isEqualTo(GroupRegistry.MAIN_FOLDER);
        assertThat(main.isMain()).isTrue();
        assertThat(store.byJid(GroupRegistry.MAIN_JID)).as("the web chat is no longer a group").isEmpty();
        assertThat(store.cursor(main.folder())).as("earlier notes to self are not answered").isEqualTo(3);

        assertThat(registry.moveMain(GroupRegistry.MAIN_JID).jid()).isEqualTo(GroupRegistry.MAIN_JID);
        assertThat(store.cursor(main.folder())).isZero();
    }

    @Test
    void aChatThatIsAnotherGroupIsRefused() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        GroupStore store = new GroupStore(db);
        GroupRegistry registry = new GroupRegistry(store, new Layout(home), "Andy");
        registry.ensureDefaults();
        registry.register(new GroupRegistry.NewGroup("wa:1@s.whatsapp.net", "family", "Family", null, true, "{}"));

        assertThatThrownBy(() -> registry.moveMain("wa:1@s.whatsapp.net")).isInstanceOf(GroupStore.Conflict.class)
                .hasMessageContaining("remove that group first");
        assertThatThrownBy(() -> registry.moveMain("not a chat")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.main().orElseThrow().jid()).isEqualTo(GroupRegistry.MAIN_JID);
    }
}
