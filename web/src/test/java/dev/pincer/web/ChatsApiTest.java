package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.channel.Inbound;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every chat a channel saw, registered or not; pairings waiting for the owner, and approving one. */
class ChatsApiTest extends WebHostTest {

    private void dm(String chat, String sender, String text) {
        host.router.accept(Inbound.text(new Inbound.Chat(chat, "DM " + sender, false), new Inbound.Sender(sender, sender, false),
                java.util.UUID.randomUUID().toString(), text, Instant.now()));
    }

    @Test
    void chatsListsRegisteredAndUnregisteredChats() throws Exception {
        host.router.accept(Inbound.text(new Inbound.Chat("tg:-100", "Book club", true), new Inbound.Sender("u1", "Ann", false),
                "m1", "hello all", Instant.now()));
        host.say("main", "hi");

        JsonNode chats = TestHost.json(host.get("/api/chats")).get("chats");
        assertThat(chats).anySatisfy(c -> {
            assertThat(c.get("chat").asText()).isEqualTo("tg:-100");
            assertThat(c.get("name").asText()).isEqualTo("Book club");
            assertThat(c.get("channel").asText()).isEqualTo("tg");
            assertThat(c.get("isGroup").asBoolean()).isTrue();
            assertThat(c.get("folder").isNull()).isTrue();
            assertThat(c.get("lastActivity").asText()).isNotBlank();
        });
        assertThat(chats).anySatisfy(c -> {
            assertThat(c.get("chat").asText()).isEqualTo("web:main");
            assertThat(c.get("folder").asText()).isEqualTo("main");
        });
    }

    @Test
    void aWaitingPairingIsListedAndApprovedOnce() throws Exception {
        dm("tg:42", "Zoe", "hi there");
        JsonNode waiting = TestHost.json(host.get("/api/pairings")).get("pairings");
        assertThat(waiting).hasSize(1);
        String code = waiting.get(0).get("code").asText();
        assertThat(waiting.get(0).get("chat").asText()).isEqualTo("tg:42");

        HttpResponse<String> ok = host.post("/api/pairings/" + code, "");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(TestHost.json(ok).get("chat").asText()).isEqualTo("tg:42");
        assertThat(host.groups.byJid("tg:42")).isPresent();
        assertThat(TestHost.json(host.get("/api/pairings")).get("pairings")).isEmpty();

        HttpResponse<String> again = host.post("/api/pairings/" + code, "");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(TestHost.json(again).get("error").asText()).contains("approved before");
        assertThat(host.post("/api/pairings/no!", "").statusCode()).isEqualTo(400);
    }
}
