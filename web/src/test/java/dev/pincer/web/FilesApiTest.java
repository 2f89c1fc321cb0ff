package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Files in the web chat: uploaded, sent with a message, kept by the host like any channel's file,
 * shown in the history and served back; served so a browser never runs them; too large refused.
 */
class FilesApiTest extends WebHostTest {

    private static byte[] png(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private String upload(String name, byte[] body, String type) throws Exception {
        HttpResponse<String> r = host.post("/api/chats/main/files?name=" + name, body, type);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestHost.json(r).get("upload").asText();
    }

    private JsonNode awaitAttachment() {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode messages = TestHost.json(host.get("/api/chats/main/messages")).get("messages");
            return messages.isEmpty() ? null : messages.get(0).get("attachments").get(0);
        }, a -> a != null);
    }

    @Test
    void aPhotoSentWithAMessageIsKeptShownAndServedInline() throws Exception {
        byte[] photo = png(40, 30);
        String token = upload("cat.png", photo, "image/png");

        HttpResponse<String> posted = host.post("/api/chats/main/messages",
                "{\"text\":\"look\",\"files\":[\"" + token + "\"]}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        JsonNode a = awaitAttachment();
        assertThat(a.get("name").asText()).isEqualTo("cat.png");
        assertThat(a.get("kind").asText()).isEqualTo("image");
        assertThat(a.get("size").asLong()).isEqualTo(photo.length);
        HttpResponse<byte[]> served = host.http.send(host.authed(a.get("url").asText()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(photo);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(Files.list(dir.resolve("data/web-uploads")).filter(p -> !p.toString().endsWith(".part")))
                .as("the upload is gone once the host kept it").isEmpty();
        assertThat(host.get("/api/attachments/" + a.get("id").asText()).statusCode()).isEqualTo(200);
        assertThat(host.http.send(java.net.http.HttpRequest.newBuilder(host.uri(a.get("url").asText())).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the token is needed").isEqualTo(401);
    }

    @Test
    void aPageIsServedAsADownloadNeverRun() throws Exception {
        String token = upload("evil.html", "<script>alert(1)</script>".getBytes(), "text/html");
        host.post("/api/chats/main/messages", "{\"files\":[\"" + token + "\"]}");

        JsonNode a = awaitAttachment();
        HttpResponse<String> served = host.get(a.get("url").asText());
        assertThat(served.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(served.headers().firstValue("Content-Disposition")).get().asString().startsWith("attachment;");
        assertThat(served.headers().firstValue("Content-Security-Policy")).get().asString().contains("sandbox");
    }

    @Test
    void tooLargeUnknownAndUnnamedUploadsAreRefusedWithAReason() throws Exception {
        HttpResponse<String> big = host.post("/api/chats/main/files?name=big.bin", new byte[1_048_577], "application/octet-stream");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("PINCER_MAX_ATTACHMENT_MB");
        assertThat(Files.list(dir.resolve("data/web-uploads"))).as("nothing kept of it").isEmpty();

        HttpResponse<String> unknown = host.post("/api/chats/main/messages",
                "{\"files\":[\"00000000-0000-0000-0000-000000000000\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("upload the file again");

        assertThat(host.post("/api/chats/main/files", new byte[3], "image/png").statusCode()).isEqualTo(400);
        assertThat(host.post("/api/chats/nobody/files?name=a.png", new byte[3], "image/png").statusCode()).isEqualTo(404);
        assertThat(host.get("/api/attachments/999").statusCode()).isEqualTo(404);
        assertThat(host.get("/api/attachments/..%2F..%2Fetc").statusCode()).isEqualTo(404);
    }
}
