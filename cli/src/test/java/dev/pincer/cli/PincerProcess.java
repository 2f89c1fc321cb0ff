package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pincer start} as the operator runs it: its own JVM ({@code dev.pincer.cli.Main} on this
 * test's class path, with the production {@code logback.xml}), stdout and stderr captured to files,
 * driven through the web API with the token from the start-up link it prints, stopped with SIGTERM.
 */
final class PincerProcess implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("Chat with \\S+: (http://127\\.0\\.0\\.1:(\\d+)/#token=(\\S+))");

    final Path stdout;
    final Path stderr;
    final String link;
    final int port;
    final String token;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Runs {@code pincer <command>} with exactly {@code env} (plus PATH); when it {@code serves}
     * ({@code start}) waits for the start-up link, else for the process to end.
     */
    PincerProcess(Path outDir, String name, Map<String, String> env, String command, boolean serves) throws Exception {
        this.stdout = outDir.resolve(name + ".stdout");
        this.stderr = outDir.resolve(name + ".stderr");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path logback = Path.of("target/classes/logback.xml").toAbsolutePath();
        assertThat(logback).as("the production logging configuration").isRegularFile();
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), command)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        this.process = pb.start();
        if (!serves) {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(name + " finished").isTrue();
            this.link = null;
            this.port = -1;
            this.token = null;
            return;
        }
        Matcher m = awaitLink();
        this.link = m.group(1);
        this.port = Integer.parseInt(m.group(2));
        this.token = m.group(3);
    }

    private Matcher awaitLink() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = LINK.matcher(Files.readString(stdout));
            if (m.find()) {
                return m;
            }
            assertThat(process.isAlive()).as("pincer start exited early:\n" + output()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no start-up link within 90 s:\n" + output());
    }

    /** Everything the process wrote to its terminal (stdout, then stderr). */
    String output() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
    }

    HttpResponse<String> call(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(90));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, Map.of("Authorization", "Bearer " + token));
    }

    long post(String chat, String text) throws Exception {
        HttpResponse<String> r = call("POST", "/api/chats/" + chat + "/messages", Json.MAPPER.writeValueAsString(Map.of("text", text)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.MAPPER.readTree(r.body()).get("seq").asLong();
    }

    /** Waits for an assistant message in {@code chat} after {@code seq} whose text is {@code text}. */
    void awaitText(String chat, long after, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long cursor = after;
        while (true) {
            JsonNode m = awaitReply(chat, cursor, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m.get("text").asText().equals(text)) {
                return;
            }
            cursor = m.get("seq").asLong();
        }
    }

    /** The assistant's next message in {@code chat} after {@code seq}. */
    JsonNode awaitReply(String chat, long after, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long cursor = after;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = call("GET", "/api/chats/" + chat + "/messages?after=" + cursor + "&wait=10", null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<JsonNode> messages = new ArrayList<>();
            Json.MAPPER.readTree(r.body()).get("messages").forEach(messages::add);
            for (JsonNode m : messages) {
                cursor = m.get("seq").asLong();
                if (m.get("fromAssistant").asBoolean()) {
                    return m;
                }
            }
        }
        throw new AssertionError("no reply in " + chat + " within " + timeout + ":\n" + output());
    }

    /** SIGTERM, as Ctrl-C or a service manager would stop it; waits for the shutdown hook. */
    @Override
    public void close() throws Exception {
        http.close();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
