package dev.pincer.cli.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.Harness;
import dev.pincer.host.channel.ChannelState;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.Reply;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's side of chat channels, end to end through a real Pincer (real sandbox, agent and fake
 * model) with a channel module that lives in the tests: who triggers, what is only recorded, threads,
 * splitting, typing, the bot's own messages, pairing with {@code ./pincer pair}, and the channel's
 * state in {@code /api/status}.
 */
class ChannelsCoreEndToEndTest {

    @TempDir Path home;

    private static Harness start(Path home) throws Exception {
        return new Harness(home).set("LOOPBACK_CHANNEL", "on").set("PINCER_IDLE_TIMEOUT", "0").start();
    }

    @Test
    void aRegisteredGroupIsAnsweredInItsThreadAndOthersAreOnlyRecorded() throws Exception {
        try (Harness h = start(home)) {
            LoopbackChannel lo = LoopbackChannel.current;
            h.registerChat("lo:fam", "fam", "{\"senders\":[\"ann\",\"bob\"]}");
            h.model.respondWith(r -> Reply.text("Answer for " + r.lastUserText().contains("sender=\"Person ann\"")
                    + " " + "long paragraph of text. ".repeat(20)));

            lo.say("lo:fam", true, "eve", "@Andy I am not on the list", null);
            lo.botSays("lo:fam", "@Andy this is the bot itself");
            lo.say("lo:other", true, "ann", "@Andy unregistered chat", null);
            lo.say("lo:fam", true, "ann", "@Andy please answer in my thread", "m-41");

            await().atMost(Duration.ofSeconds(60)).until(() -> !lo.sent.isEmpty() && lo.sent.getLast().part().index()
                    == lo.sent.getLast().part().count());
            assertThat(h.model.requests()).as("only ann's message triggered, once").hasSize(1);
            String prompt = h.model.requests().get(0).lastUserText();
            assertThat(prompt).contains("sender=\"Person ann\"").contains("please answer in my thread")
                    .contains("I am not on the list").doesNotContain("this is the bot itself");
            assertThat(lo.sent).hasSizeGreaterThan(1).allSatisfy(o -> {
                assertThat(o.chatId()).isEqualTo("lo:fam");
                assertThat(o.text().length()).isLessThanOrEqualTo(300);
                assertThat(o.replyTo()).isEqualTo(new Outgoing.ReplyTo(
                        h.pincer.messages().after("lo:fam", 0, 10).stream()
                                .filter(m -> m.text().contains("my thread")).findFirst().orElseThrow().id(), "thread-m-41", true));
            });
            assertThat(String.join(" ", lo.sent.stream().map(Outgoing::text).toList())).startsWith("Answer for true");
            assertThat(lo.typing).as("typing shown while the run was busy").contains("lo:fam");

            JsonNode chats = Json.MAPPER.readTree(h.call("GET", "/api/chats", null).body()).get("chats");
            assertThat(chats).anySatisfy(c -> {
                assertThat(c.get("chat").asText()).isEqualTo("lo:other");
                assertThat(c.get("folder").isNull()).isTrue();
            });
            assertThat(lo.sent).noneMatch(o -> o.chatId().equals("lo:other"));
        }
    }

    @Test
    void anUnknownDirectMessageIsPairedWithThePairCommandAndThenAnswered() throws Exception {
        try (Harness h = start(home)) {
            LoopbackChannel lo = LoopbackChannel.current;
            h.model.respondWith(r -> Reply.text("Hello Zoe."));
            lo.say("lo:zoe", false, "zoe", "hi, who are you?", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> !lo.sent.isEmpty());
            String codeMessage = lo.sent.get(0).text();
            assertThat(codeMessage).contains("./pincer pair ");
            String code = codeMessage.replaceAll("(?s).*pincer pair ([A-Z0-9]+).*", "$1");
            assertThat(h.model.requests()).as("nothing of theirs reached the model").isEmpty();

            assertThat(h.pair(code)).contains("Approved").contains("lo:zoe");

            lo.say("lo:zoe", false, "zoe", "and now?", null);
            await().atMost(Duration.ofSeconds(60)).until(() -> lo.sent.stream().anyMatch(o -> o.text().equals("Hello Zoe.")));
            assertThat(h.model.requests()).hasSize(1);
            assertThat(h.model.requests().get(0).lastUserText()).contains("and now?").doesNotContain("who are you");
        }
    }

    @Test
    void theChannelsStateIsInStatusAndTheWebChatGoesOnWhileItIsDown() throws Exception {
        try (Harness h = start(home)) {
            LoopbackChannel lo = LoopbackChannel.current;
            lo.state(new ChannelState.Retrying("HTTP 502 from the platform", Duration.ofSeconds(4)));
            JsonNode channels = Json.MAPPER.readTree(h.call("GET", "/api/status", null).body()).get("channels");
            assertThat(channels).anySatisfy(c -> {
                assertThat(c.get("name").asText()).isEqualTo("loopback");
                assertThat(c.get("state").asText()).isEqualTo("retrying");
                assertThat(c.get("lastError").asText()).isEqualTo("HTTP 502 from the platform");
                assertThat(c.get("since").asText()).isNotBlank();
            });
            h.model.respondWith(r -> Reply.text("web still works"));
            assertThat(h.awaitReply("main", h.post("main", "hello"), Duration.ofSeconds(60)).get("text").asText())
                    .isEqualTo("web still works");
        }
    }
}
