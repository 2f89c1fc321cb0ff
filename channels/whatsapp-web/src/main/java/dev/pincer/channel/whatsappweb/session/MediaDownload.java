package dev.pincer.channel.whatsappweb.session;

import it.auties.whatsapp.model.media.MediaKeys;
import it.auties.whatsapp.model.message.model.MediaMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Downloads and decrypts a media message's file the way WhatsApp encrypts it: the file at the
 * message's URL (or {@code https://mmg.whatsapp.net} + its direct path) is AES-256-CBC ciphertext and
 * the first 10 bytes of HMAC-SHA256(iv + ciphertext), with the keys expanded from the message's media
 * key. Done here because Cobalt 0.0.10's own {@code Whatsapp.downloadMedia} fails on every encrypted
 * file ("Unexpected plaintext length": it compares the padded ciphertext's length with the
 * plaintext's). Reads at most what a file of {@code maxBytes} + 1 bytes takes; a larger one yields
 * its first {@code maxBytes} + 1 bytes (unchecked: the caller refuses it as too large anyway).
 */
final class MediaDownload {

    static final String DEFAULT_HOST = "https://mmg.whatsapp.net";
    static final int MAC_LENGTH = 10;
    private static final int BLOCK = 16;

    private final HttpClient http;

    MediaDownload(HttpClient http) {
        this.http = http;
    }

    InputStream open(MediaMessage<?> media, long maxBytes) throws IOException, InterruptedException {
        URI url = URI.create(media.mediaUrl().or(() -> media.mediaDirectPath().map(p -> DEFAULT_HOST + p))
                .orElseThrow(() -> new IOException("the message has no file to download (no URL)")));
        String keyName = media.attachmentType().keyName().orElseThrow(() -> new IOException("the file is not encrypted the"
                + " way WhatsApp encrypts chat media"));
        byte[] mediaKey = media.mediaKey().orElseThrow(() -> new IOException("the message carries no media key"));
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("WhatsApp's media server answered " + response.statusCode() + " for the file"
                        + (response.statusCode() == 404 || response.statusCode() == 410 ? " (it expired)" : ""));
            }
            long limit = maxBytes + 1 + BLOCK + MAC_LENGTH; // a file of maxBytes + 1 bytes, padded, with its MAC
            byte[] blob = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
            MediaKeys keys = MediaKeys.of(mediaKey, keyName);
            if (blob.length > limit) {
                return new ByteArrayInputStream(decrypt(keys, blob, blob.length - blob.length % BLOCK, false), 0, (int) (maxBytes + 1));
            }
            if (blob.length < BLOCK + MAC_LENGTH || (blob.length - MAC_LENGTH) % BLOCK != 0) {
                throw new IOException("the downloaded file is not WhatsApp media (" + blob.length + " bytes)");
            }
            byte[] plain = decrypt(keys, blob, blob.length - MAC_LENGTH, true);
            checkSha256(media, plain);
            return new ByteArrayInputStream(plain);
        } catch (GeneralSecurityException e) {
            throw new IOException("the file could not be decrypted: " + e.getMessage(), e);
        }
    }

    /** Decrypts the first {@code length} bytes; {@code whole}: checks the MAC after them and removes the padding. */
    private static byte[] decrypt(MediaKeys keys, byte[] blob, int length, boolean whole) throws GeneralSecurityException, IOException {
        if (whole) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
            mac.update(keys.iv());
            mac.update(blob, 0, length);
            byte[] expected = Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(blob, length, length + MAC_LENGTH))) {
                throw new IOException("the file's checksum (MAC) does not match: it was damaged or is not this message's");
            }
        }
        Cipher cipher = Cipher.getInstance(whole ? "AES/CBC/PKCS5Padding" : "AES/CBC/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.cipherKey(), "AES"), new IvParameterSpec(keys.iv()));
        return cipher.doFinal(blob, 0, length);
    }

    private static void checkSha256(MediaMessage<?> media, byte[] plain) throws GeneralSecurityException, IOException {
        var declared = media.mediaSha256();
        if (declared.isPresent() && !MessageDigest.isEqual(declared.get(), MessageDigest.getInstance("SHA-256").digest(plain))) {
            throw new IOException("the decrypted file's SHA-256 is not the one the message names");
        }
    }
}
