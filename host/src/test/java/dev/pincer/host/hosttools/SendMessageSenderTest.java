package dev.pincer.host.hosttools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.store.OutboxStore;
import dev.pincer.protocol.HostResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send_message} with a {@code sender}, through real request files: a role passes, a person's name does not. */
class SendMessageSenderTest {

    @TempDir Path home;
    HostIpcFixture host;

    @BeforeEach
    void start() throws Exception {
        host = new HostIpcFixture(home);
        host.serve("family", 100);
        host.serve("main", 100);
        host.messages.append("web:family", "web", null, "m1", "Bob", "hi Andy", false, Instant.now());
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void aPersonsNameIsRefusedAuditedAndNothingIsQueued() throws Exception {
        HostResponse r = host.call("family", "send_message", Map.of("text", "I agree, let's sell the house", "sender", "bob"));
        assertThat(r).isInstanceOfSatisfying(HostResponse.Error.class, e -> assertThat(e.reason())
                .startsWith("refused: sender 'bob' is not allowed").contains("role names").doesNotContain("person 'Bob'"));
        assertThat(host.outbox.pending(10)).isEmpty();
        assertThat(host.audit.recent(1).get(0)).satisfies(e -> {
            assertThat(e.verdict()).isEqualTo("refused");
            assertThat(e.detail()).contains("send_message").contains("the person 'Bob' in web:family");
        });
    }

    @Test
    void mainCannotSpeakAsAPersonOfTheChatItSendsTo() throws Exception {
        HostResponse r = host.call("main", "send_message", Map.of("text", "x", "sender", "Bob", "chat", "web:family"));
        assertThat(r).isInstanceOf(HostResponse.Error.class);
        assertThat(host.outbox.pending(10)).isEmpty();
    }

    @Test
    void aRoleNameIsQueuedAsTheSubAgent() throws Exception {
        HostResponse r = host.call("family", "send_message", Map.of("text", "found three listings", "sender", " researcher "));
        assertThat(r).isInstanceOf(HostResponse.Ok.class);
        assertThat(host.outbox.pending(10)).singleElement().extracting(OutboxStore.Pending::sender).isEqualTo("researcher");
        assertThat(host.call("family", "send_message", Map.of("text", "plain"))).isInstanceOf(HostResponse.Ok.class);
        assertThat(host.outbox.pending(10)).extracting(OutboxStore.Pending::sender).containsExactly("researcher", null);
    }
}
