package dev.pincer.host.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.channel.Inbound;
import dev.pincer.host.outbox.ReplyQueue;
import dev.pincer.host.store.FreshStore;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.store.MessageStore;
import dev.pincer.host.store.OutboxStore;
import dev.pincer.host.store.RunLedger;
import dev.pincer.host.store.SessionStore;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionResetTest extends FreshStore {

    @Test
    void resetClearsTheSessionSkipsTheCommandRetiresTheSandboxAndRepliesWithoutWaking() {
        MessageStore messages = new MessageStore(db);
        GroupStore groups = new GroupStore(db);
        SessionStore sessions = new SessionStore(db);
        OutboxStore outbox = new OutboxStore(db, messages);
        RunLedger ledger = new RunLedger(db);
        groups.register(new Group("fam", "web:fam", "Family", new Group.Trigger("@Andy", true), false, "{}"));
        List<String> woken = new ArrayList<>();
        List<String> retired = new ArrayList<>();
        int[] kicks = {0};
        Router router = new Router(messages, groups, woken::add,
                new SessionReset(sessions, groups, ReplyQueue.of(outbox, () -> kicks[0]++), retired::add), null, null);

        var first = router.accept(msg("@Andy remember me"));
        ledger.start("run-1", "fam", "web:fam", first.seq());
        ledger.applyResult("fam", "f1", new AgentOutput.Result("run-1", AgentOutput.Result.OK, "session-1", null, Usage.ZERO));
        assertThat(sessions.get("fam")).contains("session-1");
        router.accept(msg("chatter before the reset"));

        Inbound command = msg("  /Reset\n");
        var stored = router.accept(command);

        assertThat(woken).containsExactly("fam");
        assertThat(sessions.get("fam")).isEmpty();
        assertThat(groups.cursor("fam")).isEqualTo(stored.seq());
        assertThat(messages.userMessagesAfter("web:fam", groups.cursor("fam"), 10)).isEmpty();
        assertThat(retired).containsExactly("fam");
        assertThat(outbox.pending(10)).singleElement().satisfies(p -> {
            assertThat(p.chatJid()).isEqualTo("web:fam");
            assertThat(p.text()).isEqualTo("Started a new session.");
        });
        assertThat(kicks[0]).isEqualTo(1);

        // A run in flight during the reset does not bring its session back when its result arrives late.
        ledger.start("run-2", "fam", "web:fam", first.seq());
        router.accept(msg("/reset"));
        ledger.applyResult("fam", "f2", new AgentOutput.Result("run-2", AgentOutput.Result.OK, "session-2", null, Usage.ZERO));
        assertThat(sessions.get("fam")).isEmpty();
        outbox.pending(10).forEach(p -> outbox.markDelivered(p.id(), "web", "Andy"));

        router.accept(command); // a channel redelivers it: nothing happens twice
        assertThat(outbox.pending(10)).isEmpty();
        router.accept(msg("@Andy /reset"));
        assertThat(woken).as("not the exact command: a normal message").containsExactly("fam", "fam");
    }

    @Test
    void withoutAResetHandlerOrInAnUnregisteredChatResetIsAnOrdinaryMessage() {
        MessageStore messages = new MessageStore(db);
        GroupStore groups = new GroupStore(db);
        groups.register(new Group("main", "web:main", "Main", new Group.Trigger("@Andy", false), true, "{}"));
        List<String> woken = new ArrayList<>();
        new Router(messages, groups, woken::add).accept(Inbound.text(new Inbound.Chat("web:main", null, true), new Inbound.Sender("ann", "ann", false), "1", "/reset", Instant.now()));
        assertThat(woken).containsExactly("main");
        assertThat(SessionReset.isCommand("/reset please")).isFalse();
        assertThat(SessionReset.isCommand(" /RESET ")).isTrue();
    }

    private static Inbound msg(String text) {
        return Inbound.text(new Inbound.Chat("web:fam", null, true), new Inbound.Sender("ann", "ann", false),
                UUID.randomUUID().toString(), text, Instant.now());
    }
}
