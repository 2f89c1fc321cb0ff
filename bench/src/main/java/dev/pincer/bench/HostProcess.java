package dev.pincer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.sandbox.limits.LimitsProbe;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Pincer host in its own process ({@code pincer start} in a fresh home, real bwrap
 * sandboxes, the fake model as its upstream), driven through the web API as a user's client is.
 *
 * @param home    its {@code PINCER_HOME}
 * @param process the {@code pincer start} process
 * @param port    its web port, from the start-up link
 * @param token   its web token, from the start-up link (never shown by {@link #toString()})
 */
record HostProcess(Path home, Process process, int port, String token) implements AutoCloseable {
    private static final Pattern LINK = Pattern.compile("Chat with \\S+: http://127\\.0\\.0\\.1:(\\d+)/#token=(\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Starts {@code pincer start} in a new home under {@code parent} with {@code settings} added to its environment. */
    static HostProcess start(Launch launch, Path parent, String modelUrl, Map<String, String> settings) throws Exception {
        Path home = Files.createTempDirectory(parent, "home");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=sk-ant-bench\n");
        ProcessBuilder pb = new ProcessBuilder(launch.startCommand())
                .redirectOutput(home.resolve("host.stdout").toFile()).redirectError(home.resolve("host.stderr").toFile());
        Map<String, String> env = pb.environment();
        Map<String, String> keep = new HashMap<>();
        for (String k : List.of("PATH", "HOME", "JAVA_HOME", "PINCER_JVM_CACHE", "PINCER_JAVA_OPTS")) {
            if (System.getenv(k) != null) {
                keep.put(k, System.getenv(k));
            }
        }
        env.clear();
        env.putAll(keep);
        env.putAll(Map.of("PINCER_HOME", home.toString(), "ANTHROPIC_BASE_URL", modelUrl, "PINCER_WEB_PORT", "0",
                "PINCER_AGENT_JAR", launch.agentJar().toString(), "TZ", "UTC", "PINCER_MAX_TASKS_PER_GROUP", "1000"));
        if (!LimitsProbe.probe().capsSandbox()) {
            env.put("PINCER_ALLOW_UNLIMITED", "1"); // no delegated cgroup for this user here (docs/SECURITY.md)
        }
        env.putAll(settings);
        Process p = pb.start();
        Matcher link = awaitLink(home, p);
        return new HostProcess(home, p, Integer.parseInt(link.group(1)), link.group(2));
    }

    private static Matcher awaitLink(Path home, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = LINK.matcher(Files.readString(home.resolve("host.stdout")));
            if (m.find()) {
                return m;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("bench: pincer start exited with " + p.exitValue() + ":\n" + output(home));
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new IllegalStateException("bench: no start-up link from pincer start within 120 s:\n" + output(home));
    }

    static String output(Path home) throws IOException {
        return Files.readString(home.resolve("host.stdout")) + Files.readString(home.resolve("host.stderr"));
    }

    long pid() {
        return process.pid();
    }

    /** Never the token: a record's own toString would put it into any line that prints this. */
    @Override
    public String toString() {
        return "HostProcess[home=" + home + ", process=" + process + ", port=" + port + ", token=****]";
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(90));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts {@code text} to web chat {@code chat}; its seq. */
    long post(String chat, String text) throws Exception {
        HttpResponse<String> r = call("POST", "/api/chats/" + chat + "/messages", Json.MAPPER.writeValueAsString(Map.of("text", text)));
        if (r.statusCode() != 202) {
            throw new IllegalStateException("bench: POST to " + chat + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body()).get("seq").asLong();
    }

    /** Registers web chat {@code folder} as a group that answers only "@Andy". */
    void registerGroup(String folder) throws Exception {
        HttpResponse<String> r = call("POST", "/api/groups", Json.MAPPER.writeValueAsString(Map.of(
                "chat", "web:" + folder, "name", folder, "folder", folder, "trigger", "@Andy", "requiresTrigger", true)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("bench: registering group " + folder + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The messages of {@code chat} after {@code seq}, long-polling up to {@code waitSeconds}. */
    List<JsonNode> messages(String chat, long after, int waitSeconds) throws Exception {
        HttpResponse<String> r = call("GET", "/api/chats/" + chat + "/messages?after=" + after + "&wait=" + waitSeconds, null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("bench: GET messages of " + chat + " answered " + r.statusCode() + ": " + r.body());
        }
        List<JsonNode> out = new ArrayList<>();
        Json.MAPPER.readTree(r.body()).get("messages").forEach(out::add);
        return out;
    }

    /** Waits for the assistant's next message in {@code chat} after {@code seq}; returns when it became visible (µs). */
    long awaitReply(String chat, long after) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long cursor = after;
        while (System.nanoTime() < deadline) {
            for (JsonNode m : messages(chat, cursor, 30)) {
                cursor = m.get("seq").asLong();
                if (m.get("fromAssistant").asBoolean()) {
                    return Clock.micros();
                }
            }
        }
        throw new IllegalStateException("bench: no reply in " + chat + " within 120 s:\n" + output(home));
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: the host closes its sandboxes
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
