package dev.pincer.host.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Turns a voice note or an audio file into text through an OpenAI-compatible
 * {@code /v1/audio/transcriptions} endpoint ({@code PINCER_TRANSCRIBE_URL}, e.g. a local whisper
 * server or OpenAI's), with the model {@code PINCER_TRANSCRIBE_MODEL}. The host calls it (the key never
 * enters a sandbox).
 *
 * @param key the bearer key, or null for a local server that checks none
 */
public record Transcriber(URI url, String model, String key, HttpClient http) {

    /** @param url the endpoint, or a base it is under ({@code http://localhost:8000} or {@code .../v1}) */
    public static Transcriber of(URI url, String model, String key) {
        return new Transcriber(endpoint(url), model == null || model.isBlank() ? "whisper-1" : model, key,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** Never the key: a record's own toString would put it into any log line that prints this. */
    @Override
    public String toString() {
        return "Transcriber[url=" + url + ", model=" + model + ", key=" + (key == null ? "none" : "****") + "]";
    }

    /** {@code .../v1/audio/transcriptions} for a base URL; the URL itself when it names the endpoint. */
    static URI endpoint(URI url) {
        String s = url.toString().replaceAll("/+$", "");
        if (s.endsWith("/audio/transcriptions")) {
            return URI.create(s);
        }
        return URI.create(s + (s.endsWith("/v1") ? "" : "/v1") + "/audio/transcriptions");
    }

    /** The text of the audio at {@code file}. */
    public String transcribe(Path file, String name, String mimeType) throws IOException, InterruptedException {
        String boundary = "pincer-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "model", null, null, model.getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "response_format", null, null, "json".getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "file", name, mimeType == null ? "application/octet-stream" : mimeType, Files.readAllBytes(file));
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (key != null && !key.isBlank()) {
            req.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("the transcription service answered HTTP " + r.statusCode());
        }
        JsonNode json = Json.MAPPER.readTree(r.body());
        if (!json.path("text").isTextual()) {
            throw new IOException("the transcription service answered without a text");
        }
        return json.path("text").asText().strip();
    }

    private static void part(ByteArrayOutputStream out, String boundary, String field, String filename, String type, byte[] data)
            throws IOException {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(field).append('"');
        if (filename != null) {
            head.append("; filename=\"").append(filename.replace("\"", "")).append('"');
        }
        head.append("\r\n");
        if (type != null) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
