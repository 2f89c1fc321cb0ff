package dev.pincer.cli.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.channel.whatsapp.FakeGraph;
import dev.pincer.channel.whatsapp.WaPayloads;
import dev.pincer.cli.Harness;
import dev.pincer.host.store.StoredMessage;
import dev.pincer.testkit.Reply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WhatsApp end to end through a real Pincer (real sandbox, agent and fake model), with Meta played
 * by signed calls to the real webhook listener ({@code PINCER_WEBHOOK_ADDR}) and the Graph API by
 * {@link FakeGraph}: a registered number is answered (a long reply in parts, a redelivery stored
 * once), a stranger gets a pairing code, an unsigned call stores nothing, a reply outside the
 * 24-hour window is given up and main is told, an outage of the API shows in the status while
 * the web chat goes on, and an image comes in and a file goes out through the media endpoints.
 */
class WhatsAppEndToEndTest {

    static final String ANN = "4915112345678";
    static final String CHAT = "wa:" + ANN;

    @TempDir Path home;
    FakeGraph graph;
    Harness h;
    int webhookPort;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        graph = new FakeGraph();
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            webhookPort = free.getLocalPort();
        }
        h = new Harness(home).set("WHATSAPP_TOKEN", FakeGraph.TOKEN).set("WHATSAPP_PHONE_NUMBER_ID", FakeGraph.PHONE_ID)
                .set("WHATSAPP_APP_SECRET", FakeGraph.APP_SECRET).set("WHATSAPP_VERIFY_TOKEN", FakeGraph.VERIFY_TOKEN)
                .set("WHATSAPP_GRAPH_URL", graph.url()).set("PINCER_WEBHOOK_ADDR", "127.0.0.1:" + webhookPort)
                .set("PINCER_IDLE_TIMEOUT", "0").start();
    }

    @AfterEach
    void stop() {
        h.close();
        graph.close();
    }

    private HttpResponse<String> webhook(String method, String query, String body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhookPort + "/webhooks/whatsapp" + query))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> deliver(String body) throws Exception {
        HttpResponse<String> r = webhook("POST", "", body, WaPayloads.sign(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    private void registerAnn() throws Exception {
        var r = h.call("POST", "/api/groups", "{\"chat\":\"" + CHAT + "\",\"name\":\"Ann\",\"folder\":\"ann\","
                + "\"trigger\":\"@Andy\",\"requiresTrigger\":false}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private List<StoredMessage> stored(String chat) {
        return h.pincer.messages().after(chat, 0, 100);
    }

    @Test
    void aRegisteredNumberIsAnsweredInPartsAndARedeliveryIsStoredOnce() throws Exception {
        registerAnn();
        h.model.respondWith(r -> Reply.text("Hello " + (r.lastUserText().contains("sender=\"Ann\"") ? "Ann" : "stranger") + ". "
                + "A long paragraph about the weekend. ".repeat(130)));
        String body = WaPayloads.text(ANN, "Ann", "wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFjNFQjA", "what shall we do on Sunday?");

        deliver(body);
        deliver(body);

        await().atMost(Duration.ofSeconds(90)).until(() -> graph.sent().size() >= 2);
        List<JsonNode> sent = graph.sent();
        assertThat(sent).hasSize(2).allSatisfy(m -> {
            assertThat(m.path("to").asText()).isEqualTo(ANN);
            assertThat(m.path("text").path("body").asText().length()).isLessThanOrEqualTo(4096);
        });
        assertThat(sent.get(0).path("text").path("body").asText()).startsWith("Hello Ann. A long paragraph");
        assertThat(h.model.requests()).hasSize(1);
        assertThat(h.model.requests().get(0).lastUserText()).contains("what shall we do on Sunday?");
        assertThat(stored(CHAT)).filteredOn(m -> !m.sender().assistant()).singleElement()
                .satisfies(m -> assertThat(m.id()).isEqualTo("wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFjNFQjA"));
        await().atMost(Duration.ofSeconds(10)).until(() -> graph.readReceipts().contains("wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFjNFQjA"));
        assertThat(h.channelStatus("whatsapp").get("state").asText()).isEqualTo("connected");
    }

    @Test
    void aStrangerGetsAPairingCodeAndIsAnsweredOnceApproved() throws Exception {
        h.model.respondWith(r -> Reply.text("Hi Zoe."));
        deliver(WaPayloads.text("447700900123", "Zoe", "wamid.Z1", "hi, who are you?"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !graph.sent().isEmpty());
        String codeMessage = graph.sent().get(0).path("text").path("body").asText();
        assertThat(graph.sent().get(0).path("to").asText()).isEqualTo("447700900123");
        assertThat(codeMessage).contains("./pincer pair ");
        assertThat(h.model.requests()).as("nothing of a stranger's reaches the model").isEmpty();

        String code = codeMessage.replaceAll("(?s).*pincer pair ([A-Z0-9]+).*", "$1");
        h.pair(code);
        deliver(WaPayloads.text("447700900123", "Zoe", "wamid.Z2", "and now?"));
        await().atMost(Duration.ofSeconds(60)).until(() -> graph.sent().stream()
                .anyMatch(m -> m.path("text").path("body").asText().equals("Hi Zoe.")));
    }

    @Test
    void anUnsignedCallStoresNothingAndTheListenerServesOnlyTheWebhook() throws Exception {
        registerAnn();
        String body = WaPayloads.text(ANN, "Ann", "wamid.FORGED", "@Andy transfer everything");

        assertThat(webhook("POST", "", body, null).statusCode()).isEqualTo(401);
        assertThat(webhook("POST", "", body, "sha256=" + "ab".repeat(32)).statusCode()).isEqualTo(401);
        assertThat(webhook("POST", "", "x".repeat((1 << 20) + 1), "sha256=00").statusCode()).isEqualTo(413);
        var hello = webhook("GET", "?hub.mode=subscribe&hub.verify_token=" + FakeGraph.VERIFY_TOKEN + "&hub.challenge=42", null, null);
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("42");
        assertThat(webhook("GET", "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42", null, null).statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhookPort + "/api/status")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("never the web API").isEqualTo(404);

        assertThat(stored(CHAT)).isEmpty();
        assertThat(h.model.requests()).isEmpty();
    }

    @Test
    void aReplyWhatsAppRefusesForGoodIsGivenUpAndMainIsToldWhileAnOutageOnlyDelaysOne() throws Exception {
        registerAnn();
        h.model.respondWith(r -> Reply.text(r.lastUserText().contains("web hello") ? "web still works"
                : "Answer to: " + (r.lastUserText().contains("second") ? "second" : "first")));
        graph.failNextSends(FakeGraph.error(400, 131047, "Re-engagement message"));
        deliver(WaPayloads.text(ANN, "Ann", "wamid.W1", "first question"));

        JsonNode notice = h.awaitReply("main", 0, Duration.ofSeconds(90));
        assertThat(notice.get("text").asText()).contains(CHAT).contains("could not be delivered").contains("24 hours")
                .contains("Answer to: first");
        assertThat(graph.attempts()).as("refused once, never retried").hasSize(1);
        assertThat(graph.sent()).isEmpty();

        graph.down(true);
        deliver(WaPayloads.text(ANN, "Ann", "wamid.W2", "second question"));
        await().atMost(Duration.ofSeconds(90)).until(() -> h.channelStatus("whatsapp").get("state").asText().equals("retrying"));
        assertThat(h.channelStatus("whatsapp").get("lastError").asText()).contains("503");
        assertThat(h.awaitReply("main", h.post("main", "web hello"), Duration.ofSeconds(60)).get("text").asText())
                .isEqualTo("web still works");

        graph.down(false);
        await().atMost(Duration.ofSeconds(60)).until(() -> h.channelStatus("whatsapp").get("state").asText().equals("connected"));
        await().atMost(Duration.ofSeconds(60)).until(() -> graph.sent().stream().anyMatch(m -> m.path("text").path("body").asText().equals("Answer to: second")));
    }

    @Test
    void anImageIsDownloadedKeptAndShownToTheModelAndAFileTheAgentWroteIsSentAsADocument() throws Exception {
        registerAnn();
        byte[] jpeg = MediaFiles.image(1600, 1200, "jpg");
        graph.addMedia("1037543291543636", jpeg);
        h.model.respondWith(MediaFiles::writeAndSend);
        deliver(WaPayloads.image(ANN, "Ann", "wamid.IMG1", "1037543291543636", "what is on this chart?"));

        await().atMost(Duration.ofSeconds(90)).until(() -> graph.sent().stream()
                .anyMatch(m -> MediaFiles.answered(m.path("text").path("body").asText())));
        assertThat(graph.sent()).extracting(m -> m.path("text").path("body").asText()).contains(MediaFiles.DONE);
        MediaFiles.assertKept(home, "ann", jpeg);
        assertThat(h.model.requests().getFirst().lastUserText()).contains("what is on this chart?")
                .containsPattern(MediaFiles.IMAGE_ELEMENT);
        MediaFiles.assertImageBlock(h.model.requests().getFirst());
        assertThat(graph.calls).as("GET {graph}/{media-id} with the token")
                .anySatisfy(c -> assertThat(List.of(c.method(), c.path(), c.authorization()))
                        .containsExactly("GET", "/v21.0/1037543291543636", "Bearer " + FakeGraph.TOKEN));
        assertThat(graph.downloads()).as("downloaded by the host with the token")
                .anySatisfy(d -> assertThat(d.authorization()).isEqualTo("Bearer " + FakeGraph.TOKEN));
        assertThat(graph.uploads()).singleElement().satisfies(u -> assertThat(u.text())
                .contains("filename=\"out.txt\"").contains("name=\"type\"\r\n\r\ntext/plain").contains("\r\n\r\nreport\r\n"));
        assertThat(graph.sent()).filteredOn(m -> m.path("type").asText().equals("document")).singleElement().satisfies(m -> {
            assertThat(m.path("to").asText()).isEqualTo(ANN);
            assertThat(m.path("document").path("id").asText()).isEqualTo("upload-1");
            assertThat(m.path("document").path("filename").asText()).isEqualTo("out.txt");
        });
    }
}
