package dev.pincer.channel.whatsappweb.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import it.auties.whatsapp.model.media.MediaKeys;
import it.auties.whatsapp.model.message.standard.AudioMessageBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.ImageMessageBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files of received messages, served by a fake WhatsApp media server on loopback, encrypted as
 * WhatsApp encrypts them (AES-CBC with keys expanded from the media key, a 10-byte HMAC of iv and
 * ciphertext), then downloaded and decrypted by the channel with Cobalt's key expansion.
 */
class MediaDownloadTest {

    HttpServer server;
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final MediaDownload download = new MediaDownload(HttpClient.newHttpClient());

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = served.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The file as WhatsApp's media server holds it: ciphertext, then the first 10 bytes of the MAC. */
    static byte[] encrypt(byte[] plain, byte[] mediaKey, String keyName) throws Exception {
        MediaKeys keys = MediaKeys.of(mediaKey, keyName);
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.cipherKey(), "AES"), new IvParameterSpec(keys.iv()));
        byte[] ct = c.doFinal(plain);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
        mac.update(keys.iv());
        mac.update(ct);
        byte[] out = Arrays.copyOf(ct, ct.length + MediaDownload.MAC_LENGTH);
        System.arraycopy(mac.doFinal(), 0, out, ct.length, MediaDownload.MAC_LENGTH);
        return out;
    }

    private ImageMessage image(String path, byte[] plain, byte[] key) throws Exception {
        served.put(path, encrypt(plain, key, "WhatsApp Image Keys"));
        return new ImageMessageBuilder().mediaUrl(url(path)).mediaKey(key).mimetype("image/jpeg")
                .mediaSha256(MessageDigest.getInstance("SHA-256").digest(plain)).mediaSize((long) plain.length).build();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aFileIsDecryptedAndCheckedAgainstTheMessage() throws Exception {
        byte[] photo = bytes(70_001, 1);
        byte[] key = bytes(32, 2);
        try (InputStream in = download.open(image("/m/photo", photo, key), 1 << 20)) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
        byte[] voice = bytes(3_000, 3);
        served.put("/m/voice", encrypt(voice, key, "WhatsApp Audio Keys"));
        var note = new AudioMessageBuilder().mediaUrl(url("/m/voice")).mediaKey(key).voiceMessage(true).build();
        try (InputStream in = download.open(note, 1 << 20)) {
            assertThat(in.readAllBytes()).as("each kind has its own keys").isEqualTo(voice);
        }
    }

    @Test
    void aDamagedFileOrAnotherMessagesFileIsRefused() throws Exception {
        byte[] key = bytes(32, 2);
        ImageMessage m = image("/m/x", bytes(500, 4), key);
        served.get("/m/x")[10] ^= 1;
        assertThatThrownBy(() -> download.open(m, 1 << 20)).hasMessageContaining("MAC");

        ImageMessage other = image("/m/y", bytes(500, 5), bytes(32, 6));
        ImageMessage wrongKey = new ImageMessageBuilder().mediaUrl(other.mediaUrl().orElseThrow()).mediaKey(key).build();
        assertThatThrownBy(() -> download.open(wrongKey, 1 << 20)).hasMessageContaining("MAC");
        assertThatThrownBy(() -> download.open(new ImageMessageBuilder().mediaUrl(url("/gone")).mediaKey(key).build(), 100))
                .hasMessageContaining("404").hasMessageContaining("expired");
    }

    @Test
    void aFileOverTheLimitYieldsOnlyOneByteMoreThanTheLimit() throws Exception {
        byte[] big = bytes(200_000, 7);
        try (InputStream in = download.open(image("/m/big", big, bytes(32, 8)), 1_000)) {
            byte[] got = in.readAllBytes();
            assertThat(got).hasSize(1_001);
            assertThat(got).isEqualTo(Arrays.copyOf(big, 1_001));
        }
        byte[] exact = bytes(1_000, 9);
        try (InputStream in = download.open(image("/m/exact", exact, bytes(32, 10)), 1_000)) {
            assertThat(in.readAllBytes()).as("a file of exactly the limit is whole").isEqualTo(exact);
        }
    }
}
