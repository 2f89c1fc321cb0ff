package dev.pincer.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.pincer.host.config.Config;
import dev.pincer.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Is Pincer running for this {@code PINCER_HOME}, and how to call it: its local API at
 * {@code PINCER_WEB_HOST:PINCER_WEB_PORT} (127.0.0.1:7878 by default) with the token from
 * {@code PINCER_WEB_TOKEN} or {@code data/web-token}. Every command that talks to a running Pincer
 * asks here first ({@link #probe}) and works on the store itself when nothing runs.
 */
public final class PincerApi {

    /** What {@link #probe} found at the configured address. */
    public sealed interface Probe {
        /** This home's Pincer answered {@code GET /api/status}. */
        record Running(PincerApi api, JsonNode status) implements Probe {}

        /** Nothing runs (nothing listens there, or there is no token yet); {@code why} says which. */
        record Stopped(String why) implements Probe {}

        /** Something answers there, but not as this home's Pincer (another home's token, another program). */
        record Foreign(String why) implements Probe {}
    }

    /** One Server-Sent Event of {@code GET /api/events}: its type and its JSON data. */
    public record Event(String type, JsonNode data) {}

    /** The API refused a call; the message is the API's own reason. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The API could not be reached (Pincer stopped, or the connection broke). */
    public static final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreachable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String token;

    private PincerApi(URI base, String token) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(PROBE_TIMEOUT).build();
        this.base = base;
        this.token = token;
    }

    /** Asks the configured address whether this home's Pincer runs there. Never throws. */
    public static Probe probe(Config config) {
        URI base = base(config);
        String token;
        try {
            Optional<String> t = token(config);
            if (t.isEmpty()) {
                return new Probe.Stopped("no web token yet at " + config.layout().webTokenFile()
                        + ": Pincer writes it at its first start");
            }
            token = t.get();
        } catch (IOException e) {
            return new Probe.Foreign("cannot read the web token " + config.layout().webTokenFile() + ": " + e.getMessage());
        }
        PincerApi api = new PincerApi(base, token);
        String where = base.getAuthority();
        try {
            HttpResponse<String> r = api.send(api.request("/api/status", PROBE_TIMEOUT).GET().build());
            return switch (r.statusCode()) {
                case 200 -> new Probe.Running(api, parse(r.body()));
                case 401 -> new Probe.Foreign(where + " refuses this home's web token: another Pincer (another PINCER_HOME)"
                        + " may run there; set PINCER_WEB_PORT to this home's port");
                default -> new Probe.Foreign(where + " answers HTTP " + r.statusCode() + " to /api/status; it is not Pincer");
            };
        } catch (Unreachable e) {
            return e.getCause() instanceof HttpTimeoutException && !(e.getCause() instanceof HttpConnectTimeoutException)
                    ? new Probe.Foreign(where + " accepted the connection but did not answer within "
                            + PROBE_TIMEOUT.toSeconds() + " s")
                    : new Probe.Stopped("nothing answers on " + where);
        }
    }

    /** {@code GET path}, answered as JSON. */
    public JsonNode get(String path) {
        return get(path, CALL_TIMEOUT);
    }

    /** {@code GET path} that may take up to {@code timeout} (a long-poll). */
    public JsonNode get(String path, Duration timeout) {
        return json(request(path, timeout).GET().build());
    }

    /** {@code POST path} with {@code body} as JSON (null: no body). */
    public JsonNode post(String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(text(body), StandardCharsets.UTF_8);
        return json(request(path, CALL_TIMEOUT).header("Content-Type", "application/json; charset=utf-8")
                .POST(publisher).build());
    }

    /** {@code DELETE path}. */
    public JsonNode delete(String path) {
        return json(request(path, CALL_TIMEOUT).DELETE().build());
    }

    /**
     * Opens {@code GET /api/events}; when this returns, the server already listens for this client.
     * Read with {@link Events#next()}; close it to stop.
     */
    public Events events() {
        HttpRequest r = HttpRequest.newBuilder(base.resolve("/api/events")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                throw new Refused(response.statusCode(), reason(response.statusCode(), body));
            }
            return new Events(response.body());
        } catch (IOException e) {
            throw new Unreachable("cannot reach Pincer at " + base.getAuthority() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    /** The event stream of {@link #events()}: one {@link Event} at a time, comments and heartbeats skipped. */
    public static final class Events implements AutoCloseable {
        private final InputStream in;
        private final BufferedReader lines;

        Events(InputStream in) {
            this.in = in;
            this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        /** The next event; empty when the stream ended (Pincer stopped, or {@link #close()} was called). */
        public Optional<Event> next() {
            String type = null;
            StringBuilder data = new StringBuilder();
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (type != null || !data.isEmpty()) {
                            return Optional.of(new Event(type == null ? "message" : type, parse(data.toString())));
                        }
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                    }
                }
            } catch (IOException e) {
                return Optional.empty(); // closed, or the connection broke: the stream ended either way
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // closing a broken stream: nothing left to release
            }
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).timeout(timeout);
    }

    private JsonNode json(HttpRequest request) {
        HttpResponse<String> r = send(request);
        if (r.statusCode() / 100 != 2) {
            throw new Refused(r.statusCode(), reason(r.statusCode(), r.body()));
        }
        return r.body() == null || r.body().isBlank() ? MissingNode.getInstance() : parse(r.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new Unreachable("Pincer is not running (nothing answers on " + base.getAuthority() + ")", e);
        } catch (IOException e) {
            throw new Unreachable("the call to Pincer at " + base.getAuthority() + " failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    private static String reason(int status, String body) {
        JsonNode error = parse(body).path("error");
        return error.isTextual() ? error.asText() : "Pincer answered HTTP " + status;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static String text(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The API's address: the web host (127.0.0.1 when it listens on every interface) and port. */
    private static URI base(Config config) {
        String host = config.web().host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isBlank()) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + config.web().port() + "/");
    }

    /** {@code PINCER_WEB_TOKEN}, else the token file Pincer wrote at its first start; never creates one. */
    private static Optional<String> token(Config config) throws IOException {
        Optional<String> set = config.web().tokenSetting().map(String::strip).filter(s -> !s.isEmpty());
        if (set.isPresent()) {
            return set;
        }
        Path file = config.layout().webTokenFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String t = Files.readString(file, StandardCharsets.UTF_8).strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }
}
