package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessagesApiTest extends WebHostTest {

    @Test
    void postedMessageIsStoredRoutedAndReadBack() throws Exception {
        HttpResponse<String> posted = host.post("/api/chats/main/messages", "{\"text\":\"hello there\",\"sender\":\"Ada\"}");

        assertThat(posted.statusCode()).isEqualTo(202);
        JsonNode accepted = TestHost.json(posted);
        assertThat(accepted.properties()).extracting(e -> e.getKey()).containsExactly("id", "seq");
        assertThat(UUID.fromString(accepted.get("id").asText())).isNotNull();
        assertThat(accepted.get("seq").asLong()).isEqualTo(1);
        assertThat(host.woken).containsExactly("main");

        JsonNode read = TestHost.json(host.get("/api/chats/main/messages"));
        assertThat(read.get("messages")).hasSize(1);
        JsonNode m = read.get("messages").get(0);
        assertThat(m.properties()).extracting(e -> e.getKey())
                .containsExactly("seq", "id", "sender", "text", "time", "fromAssistant", "kind", "triggers", "attachments");
        assertThat(m.get("seq").asLong()).isEqualTo(1);
        assertThat(m.get("id").asText()).isEqualTo(accepted.get("id").asText());
        assertThat(m.get("sender").asText()).isEqualTo("Ada");
        assertThat(m.get("text").asText()).isEqualTo("hello there");
        assertThat(m.get("fromAssistant").asBoolean()).isFalse();
        assertThat(m.get("time").asText()).endsWith("Z");
        assertThat(Instant.parse(m.get("time").asText())).isBefore(Instant.now().plusSeconds(1));

        assertThat(host.say("main", "second")).isEqualTo(2);
        JsonNode newer = TestHost.json(host.get("/api/chats/main/messages?after=1"));
        assertThat(newer.get("messages")).hasSize(1);
        assertThat(newer.get("messages").get(0).get("text").asText()).isEqualTo("second");
        assertThat(newer.get("messages").get(0).get("sender").asText()).isEqualTo("user");
        assertThat(TestHost.json(host.get("/api/chats/main/messages?after=2")).get("messages")).isEmpty();
    }

    @Test
    void longPollReturnsAsSoonAsTheAssistantReplyIsDelivered() throws Exception {
        long seq = host.say("main", "what's up?");
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> poll = host.http.sendAsync(
                host.authed("/api/chats/main/messages?after=" + seq + "&wait=30").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> host.server.waitingReaders() == 1);
        assertThat(poll).isNotDone();

        long id = host.outbox.enqueue("web:main", "all good", null);
        host.outbox.markDelivered(id, "web", "Andy");

        HttpResponse<String> r = poll.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode m = TestHost.json(r).get("messages").get(0);
        assertThat(m.get("seq").asLong()).isEqualTo(seq + 1);
        assertThat(m.get("text").asText()).isEqualTo("all good");
        assertThat(m.get("sender").asText()).isEqualTo("Andy");
        assertThat(m.get("fromAssistant").asBoolean()).isTrue();
        assertThat(host.server.waitingReaders()).isZero();
    }

    @Test
    void longPollTimesOutWithAnEmptyListAndIgnoresOtherChats() throws Exception {
        host.post("/api/groups", "{\"chat\":\"web:family\",\"folder\":\"family\",\"name\":\"Family\"}");
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> poll = host.http.sendAsync(
                host.authed("/api/chats/main/messages?wait=1.5").GET().build(), HttpResponse.BodyHandlers.ofString());
        host.say("family", "not for main");

        HttpResponse<String> r = poll.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"messages\":[]}");
    }

    @Test
    void oneResponseCarriesAtMost500Messages() throws Exception {
        for (int i = 1; i <= 501; i++) {
            host.messages.append("web:main", "web", "main", "m" + i, "user", "n" + i, false, Instant.now());
        }
        JsonNode first = TestHost.json(host.get("/api/chats/main/messages?after=0&wait=5"));
        assertThat(first.get("messages")).hasSize(500);
        assertThat(first.get("messages").get(499).get("seq").asLong()).isEqualTo(500);
        JsonNode rest = TestHost.json(host.get("/api/chats/main/messages?after=500"));
        assertThat(rest.get("messages")).hasSize(1);
    }

    @Test
    void unknownChatIs404WithAHintAndStoresNothing() throws Exception {
        HttpResponse<String> post = host.post("/api/chats/family/messages", "{\"text\":\"hi\"}");
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(TestHost.json(post).get("error").asText()).contains("web:family").contains("POST /api/groups");
        assertThat(host.get("/api/chats/family/messages").statusCode()).isEqualTo(404);
        assertThat(host.messages.count()).isZero();
        assertThat(host.woken).isEmpty();
    }

    @Test
    void messageToAGroupThatNeedsATriggerIsStoredButWakesNothing() throws Exception {
        host.post("/api/groups", "{\"chat\":\"web:family\",\"folder\":\"family\",\"name\":\"Family\"}");
        host.say("family", "just chatting");
        assertThat(host.woken).isEmpty();
        host.say("family", "@andy what time is it?");
        assertThat(host.woken).containsExactly("family");
        assertThat(host.messages.lastSeq("web:family")).isEqualTo(2);
    }

    @Test
    void badParametersAndTooLongTextAre400() throws Exception {
        assertThat(host.get("/api/chats/main/messages?after=-1").statusCode()).isEqualTo(400);
        assertThat(host.get("/api/chats/main/messages?after=x").statusCode()).isEqualTo(400);
        assertThat(host.get("/api/chats/main/messages?wait=soon").statusCode()).isEqualTo(400);
        assertThat(host.get("/api/chats/Main/messages").statusCode()).isEqualTo(400);
        assertThat(host.get("/api/chats/%2e%2e/messages").statusCode()).isEqualTo(400);

        HttpResponse<String> tooLong = host.post("/api/chats/main/messages",
                "{\"text\":\"" + "a".repeat(100_001) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(TestHost.json(tooLong).get("error").asText()).isEqualTo("message text is 100001 characters long; the limit is 100000");
        HttpResponse<String> longSender = host.post("/api/chats/main/messages",
                "{\"text\":\"hi\",\"sender\":\"" + "s".repeat(101) + "\"}");
        assertThat(longSender.statusCode()).isEqualTo(400);
        assertThat(host.messages.count()).isZero();
    }

    @Test
    void messagesThatCannotBeAcceptedGetA4xxNamingTheProblemAndNothingIsStored() throws Exception {
        String path = "/api/chats/main/messages";
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"text\":\"\"}", "field 'text' is required and must not be empty or only whitespace");
        refused.put("{\"text\":\" \\n\\t \"}", "field 'text' is required and must not be empty or only whitespace");
        refused.put("{\"sender\":\"Ada\"}", "field 'text' is required and must not be empty or only whitespace");
        refused.put("{\"text\":42}", "field 'text' must be a string");
        refused.put("{\"text\":\"ring \\u0007 bell\"}",
                "message text contains the control character U+0007 at character 6; only line breaks and tabs are allowed");
        refused.put("{\"text\":\"nul\\u0000\"}",
                "message text contains the control character U+0000 at character 4; only line breaks and tabs are allowed");
        refused.put("{\"text\":\"half \\ud83d pair\"}",
                "message text is not valid Unicode: an unpaired surrogate U+D83D at character 6; only line breaks and tabs are allowed");
        refused.put("{\"text\":\"hi\",\"sender\":\"A\\u001bda\"}", "sender name contains the control character U+001B at character 2");
        refused.put("[{\"text\":\"hi\"}]", "the request body must be a JSON object, not an array");
        refused.put("\"hi\"", "the request body must be a JSON object, not a string");
        refused.put("", "the request body is empty; send a JSON object");
        for (var e : refused.entrySet()) {
            HttpResponse<String> r = host.post(path, e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(TestHost.json(r).get("error").asText()).as(e.getKey()).isEqualTo(e.getValue());
        }

        byte[] latin1 = "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> notUtf8 = host.post(path, latin1, "application/json");
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(TestHost.json(notUtf8).get("error").asText())
                .isEqualTo("the request body is not valid UTF-8 (byte 13); send JSON encoded as UTF-8");
        HttpResponse<String> declared = host.post(path, latin1, "application/json; charset=ISO-8859-1");
        assertThat(declared.statusCode()).isEqualTo(415);
        assertThat(TestHost.json(declared).get("error").asText()).contains("must be UTF-8, not ISO-8859-1");

        assertThat(host.messages.count()).isZero();
        assertThat(host.woken).isEmpty();
    }

    @Test
    void lineBreaksAreStoredAsNewlinesAndTabsAndEmojiAreKept() throws Exception {
        byte[] body = "{\"text\":\"one\\r\\ntwo\\rthree\\tfour \ud83e\udd80\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = host.post("/api/chats/main/messages", body, "application/json; charset=UTF-8");

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(host.messages.after("web:main", 0, 10)).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("one\ntwo\nthree\tfour \ud83e\udd80"));
    }

    @Test
    void closingTheServerEndsAPendingLongPoll() throws Exception {
        CompletableFuture<HttpResponse<String>> poll = host.http.sendAsync(
                host.authed("/api/chats/main/messages?wait=60").GET().build(), HttpResponse.BodyHandlers.ofString());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> host.server.waitingReaders() == 1);
        long started = System.nanoTime();
        host.server.close();
        HttpResponse<String> r = poll.get(10, TimeUnit.SECONDS);
        assertThat(r.body()).isEqualTo("{\"messages\":[]}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
