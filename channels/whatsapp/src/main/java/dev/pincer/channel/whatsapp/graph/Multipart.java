package dev.pincer.channel.whatsapp.graph;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A {@code multipart/form-data} body of text fields and one file, streamed from disk. */
final class Multipart {

    private final String boundary = "pincer-" + UUID.randomUUID();
    private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    Multipart field(String name, String value) {
        parts.add(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name) + "\"\r\n\r\n"
                + value + "\r\n"));
        return this;
    }

    Multipart file(String name, Path path, String fileName, String mimeType) throws FileNotFoundException {
        parts.add(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name) + "\"; filename=\""
                + quoted(fileName) + "\"\r\nContent-Type: " + mimeType.replaceAll("[\\r\\n]", "") + "\r\n\r\n"));
        parts.add(HttpRequest.BodyPublishers.ofFile(path));
        parts.add(bytes("\r\n"));
        return this;
    }

    HttpRequest.BodyPublisher body() {
        List<HttpRequest.BodyPublisher> all = new ArrayList<>(parts);
        all.add(bytes("--" + boundary + "--\r\n"));
        return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
    }

    /** A header value in quotes: no quote, backslash or line break can end it early. */
    private static String quoted(String s) {
        return s.replaceAll("[\"\\\\\\r\\n]", "_");
    }

    private static HttpRequest.BodyPublisher bytes(String s) {
        return HttpRequest.BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.UTF_8));
    }
}
