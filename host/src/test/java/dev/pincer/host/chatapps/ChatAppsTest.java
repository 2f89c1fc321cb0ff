package dev.pincer.host.chatapps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.RecordingChannel;
import dev.pincer.host.events.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What the host keeps of each channel: its state for doctor and /api/status, and typing while a run is busy. */
class ChatAppsTest {

    @Test
    void statesAreKeptWithTheirLastErrorAndPublished() {
        RecordingChannel channel = new RecordingChannel("telegram", "tg", new Capabilities(4096, true, null, false, false, false));
        EventBus events = new EventBus();
        List<Object> published = new ArrayList<>();
        events.subscribe(e -> published.add(e.data()));
        ChatApps apps = ChatApps.load(List.of(channel), name -> null);
        apps.start(new AppContext.Wiring(m -> null, (c, t, s) -> 0, null, events, Clock.systemUTC()));

        assertThat(apps.statuses()).singleElement().extracting(ChannelStatus::state).isEqualTo("connected");
        channel.context.state(new ChannelState.Retrying("HTTP 502 from api.telegram.org", Duration.ofSeconds(2)));
        assertThat(apps.statuses()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("retrying");
            assertThat(s.lastError()).isEqualTo("HTTP 502 from api.telegram.org");
        });
        channel.context.state(new ChannelState.Connected());
        assertThat(apps.statuses()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("connected");
            assertThat(s.lastError()).as("kept for the operator").isEqualTo("HTTP 502 from api.telegram.org");
        });
        assertThat(published).hasSize(3);
    }

    @Test
    void typingIsRepeatedWhileTheRunIsBusyAndStopsWithIt() {
        RecordingChannel channel = new RecordingChannel("telegram", "tg",
                new Capabilities(4096, true, Duration.ofMillis(100), false, false, false));
        EventBus events = new EventBus();
        ChatApps apps = ChatApps.load(List.of(channel), name -> null);
        try (TypingKeeper keeper = new TypingKeeper(apps, events)) {
            events.publish("typing", Map.of("chat", "tg:1", "folder", "fam", "typing", true));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> channel.typing.size() >= 3);
            events.publish("typing", Map.of("chat", "tg:1", "folder", "fam", "typing", false));
            int after = channel.typing.size();
            Awaitility.await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                    .until(() -> channel.typing.size() <= after + 1);
            assertThat(channel.typing).containsOnly("tg:1");
        }
    }

    @Test
    void aMessageTheCoreRefusesGetsANoteOnlyInARegisteredChat() {
        RecordingChannel channel = new RecordingChannel("telegram", "tg", new Capabilities(4096, true, null, false, false, false));
        List<String> notes = new ArrayList<>();
        var registered = new dev.pincer.host.store.Group("fam", "tg:1", "Family",
                new dev.pincer.host.store.Group.Trigger("@Andy", true), false, "{}");
        var groupsDb = dev.pincer.host.store.Database.open(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("chatapps-" + System.nanoTime() + ".db"));
        try (groupsDb) {
            var groups = new dev.pincer.host.store.GroupStore(groupsDb);
            groups.register(registered);
            ChatApps apps = ChatApps.load(List.of(channel), name -> null);
            apps.start(new AppContext.Wiring(m -> {
                throw new IllegalArgumentException("message text is empty (or only whitespace)");
            }, (chat, text, s) -> {
                notes.add(chat + ": " + text);
                return 1;
            }, groups, new EventBus(), Clock.systemUTC()));
            channel.context.receive(Inbound.text(new Inbound.Chat("tg:1", null, true), new Inbound.Sender("u", "U", false), "a", " ", Instant.now()));
            channel.context.receive(Inbound.text(new Inbound.Chat("tg:2", null, true), new Inbound.Sender("u", "U", false), "b", " ", Instant.now()));
            assertThat(notes).containsExactly("tg:1: I could not take that message: message text is empty (or only whitespace).");
        }
    }

    @Test
    void whatAChannelSaysTheOwnerShouldKnowGoesToTheMainChatButNeverToThatChatItself() {
        RecordingChannel channel = new RecordingChannel("whatsapp", "wa", new Capabilities(4096, true, null, false, false, false));
        List<String> notes = new ArrayList<>();
        var groupsDb = dev.pincer.host.store.Database.open(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("chatapps-" + System.nanoTime() + ".db"));
        try (groupsDb) {
            var groups = new dev.pincer.host.store.GroupStore(groupsDb);
            groups.register(new dev.pincer.host.store.Group("main", "wa:1", "Main",
                    new dev.pincer.host.store.Group.Trigger("@Andy", false), true, "{}"));
            ChatApps apps = ChatApps.load(List.of(channel), name -> null);
            apps.start(new AppContext.Wiring(m -> null, (chat, text, s) -> {
                notes.add(chat + ": " + text);
                return 1;
            }, groups, new EventBus(), Clock.systemUTC()));
            channel.context.tellMain("wa:2", "a reply to wa:2 was not delivered");
            channel.context.tellMain("wa:1", "a reply to wa:1 was not delivered");
            assertThat(notes).containsExactly("wa:1: a reply to wa:2 was not delivered");
        }
    }
}
