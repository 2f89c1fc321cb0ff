package dev.pincer.cli.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.Harness;
import dev.pincer.cli.Main;
import dev.pincer.host.config.Config;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.GroupStore;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WhatsApp Web through a real Pincer and the real CLI, without WhatsApp (nothing here can reach it):
 * turned on but not linked, the channel waits saying how to link while everything else works; the
 * link command refuses what it cannot use; {@code ./pincer whatsapp main} moves the main group to the
 * owner's chat with themselves and back, as {@code WHATSAPP_WEB_SELF_CHAT_MAIN} says.
 */
class WhatsAppWebEndToEndTest {

    static final String SELF = "wa:491700000001@s.whatsapp.net";

    @TempDir Path home;

    private record Run(int status, String out) {}

    private Run cli(String settings, String... args) throws Exception {
        Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=sk-ant-test\n" + settings);
        StringWriter out = new StringWriter();
        int status = Main.run(Map.of("PINCER_HOME", home.toString()), new PrintWriter(out, true), new PrintWriter(out, true), args);
        return new Run(status, out.toString());
    }

    private void linked() throws Exception {
        Path folder = Files.createDirectories(home.resolve("data/channels/whatsapp-web"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(folder.resolve("linked"), SELF + "\n+491700000001 (Olivia)\n");
    }

    private String mainChat() throws Exception {
        Config config = Config.load(Map.of(), home);
        try (Database db = Database.open(config.layout().database())) {
            return new GroupStore(db).main().orElseThrow().jid();
        }
    }

    @Test
    void onButNotLinkedItWaitsSayingHowToLinkAndTheWebChatGoesOn() throws Exception {
        try (Harness h = new Harness(home).set("WHATSAPP_WEB", "on").set("PINCER_IDLE_TIMEOUT", "0").start()) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode channels = Json.MAPPER.readTree(h.call("GET", "/api/status", null).body()).get("channels");
                assertThat(channels).anySatisfy(c -> {
                    assertThat(c.get("name").asText()).isEqualTo("whatsapp-web");
                    assertThat(c.get("state").asText()).isEqualTo("needs linking");
                    assertThat(c.get("lastError").asText()).contains("run ./pincer whatsapp link");
                });
            });
            h.model.respondWith(r -> Reply.text("web still works"));
            assertThat(h.awaitReply("main", h.post("main", "hello"), Duration.ofSeconds(60)).get("text").asText())
                    .isEqualTo("web still works");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("data/channels/whatsapp-web"))))
                    .as("the session folder is the owner's only").isEqualTo("rwx------");
        }
    }

    @Test
    void theLinkCommandRefusesANumberWithoutCountryCodeAndALinkThatExists() throws Exception {
        Run badNumber = cli("WHATSAPP_WEB=on\n", "whatsapp", "link", "--phone", "0151 1234567");
        assertThat(badNumber.status()).isEqualTo(1);
        assertThat(badNumber.out()).contains("country code");

        linked();
        Run again = cli("WHATSAPP_WEB=on\n", "whatsapp", "link");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.out()).contains("already linked to +491700000001 (Olivia)").contains("--relink");
    }

    @Test
    void theMainGroupMovesToTheChatWithOneselfAndBack() throws Exception {
        Run notLinked = cli("WHATSAPP_WEB=on\nWHATSAPP_WEB_SELF_CHAT_MAIN=on\n", "whatsapp", "main");
        assertThat(notLinked.status()).isEqualTo(1);
        assertThat(notLinked.out()).contains("run ./pincer whatsapp link");

        linked();
        Run on = cli("WHATSAPP_WEB=on\nWHATSAPP_WEB_SELF_CHAT_MAIN=on\n", "whatsapp", "main");
        assertThat(on.status()).as(on.out()).isZero();
        assertThat(on.out()).contains("chat with yourself (" + SELF + ")");
        assertThat(mainChat()).isEqualTo(SELF);

        Run off = cli("WHATSAPP_WEB=on\n", "whatsapp", "main");
        assertThat(off.status()).as(off.out()).isZero();
        assertThat(mainChat()).isEqualTo("web:main");
    }
}
