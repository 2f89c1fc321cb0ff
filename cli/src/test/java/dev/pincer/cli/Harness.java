package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.app.Pincer;
import dev.pincer.host.app.Runtimes;
import dev.pincer.host.config.Config;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.Sandboxes;
import dev.pincer.host.sandbox.limits.LimitsProbe;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.FakeAnthropic;
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

/**
 * A real Pincer for end-to-end tests: temp home, real SQLite, real bwrap sandboxes running the
 * real agent jar, a fake Anthropic API behind the real egress proxy, driven through the web API.
 */
public final class Harness implements AutoCloseable {

    public static final String API_KEY = "sk-ant-test-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    public final Path home;
    public final FakeAnthropic model;
    public final Map<String, String> settings = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public Pincer pincer;
    /** The sandbox runtime the running Pincer uses (a test may adjust it). */
    public SandboxRuntime runtime;

    public Harness(Path home) throws IOException {
        this.home = home;
        // Like a fresh clone: the Pincer directory itself is world-readable (the temp dir above it is not).
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        this.model = new FakeAnthropic();
        Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=" + API_KEY + "\n");
        settings.put("PINCER_HOME", home.toString());
        settings.put("ANTHROPIC_BASE_URL", model.baseUrl());
        settings.put("PINCER_WEB_PORT", "0");
        settings.put("PINCER_AGENT_JAR", agentJar().toString());
        settings.put("PINCER_AGENT_TIMEOUT", "120");
        settings.put("PINCER_AGENT_MEMORY_MB", "256");
        settings.put("TZ", "UTC");
        settings.put("PINCER_JVM_CACHE", "off"); // no training JVMs in the suite; JvmCacheEndToEndTest turns it on
        if (!LimitsProbe.probe().capsSandbox()) {
            // a normal user without a delegated cgroup: run as the operator would have to (docs/SECURITY.md)
            System.out.println("Harness: no per-sandbox limits for this user here; running with PINCER_ALLOW_UNLIMITED=1");
            settings.put("PINCER_ALLOW_UNLIMITED", "1");
        }
    }

    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("pincer.agentJar", "../agent/target/pincer-agent.jar")).toAbsolutePath().normalize();
        assertThat(jar).as("the agent jar (built by the agent module before these tests)").isRegularFile();
        return jar;
    }

    public Harness set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public Harness start() throws Exception {
        Config config = Config.load(settings, home);
        runtime = Runtimes.select(config);
        pincer = Pincer.start(config, runtime);
        return this;
    }

    public void stop() {
        if (pincer != null) {
            pincer.close();
            pincer = null;
        }
    }

    /** The web app's link, {@code http://127.0.0.1:PORT/#token=TOKEN}. */
    private URI link() {
        return pincer.links().stream().findFirst().orElseThrow(() -> new AssertionError("the web front end is not running"));
    }

    public int webPort() {
        return link().getPort();
    }

    public String webToken() {
        return link().getFragment().substring("token=".length());
    }

    public HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort() + path))
                .header("Authorization", "Bearer " + webToken())
                .timeout(Duration.ofSeconds(90));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public long post(String chat, String text) throws Exception {
        HttpResponse<String> r = call("POST", "/api/chats/" + chat + "/messages",
                Json.MAPPER.writeValueAsString(Map.of("text", text, "sender", "Owner")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.MAPPER.readTree(r.body()).get("seq").asLong();
    }

    public void registerGroup(String chat, String folder) throws Exception {
        HttpResponse<String> r = call("POST", "/api/groups", Json.MAPPER.writeValueAsString(Map.of(
                "chat", "web:" + chat, "name", folder, "folder", folder, "trigger", "@Andy", "requiresTrigger", true)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** Registers {@code chat} as the group {@code folder} (named after it, answering on "@Andy") with this group config (JSON). */
    public void registerChat(String chat, String folder, String config) throws Exception {
        HttpResponse<String> r = call("POST", "/api/groups", "{\"chat\":" + Json.MAPPER.writeValueAsString(chat) + ",\"name\":\""
                + folder + "\",\"folder\":\"" + folder + "\",\"trigger\":\"@Andy\",\"requiresTrigger\":true,\"config\":" + config + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** The channel's entry in {@code /api/status}; fails the test when it has none. */
    public JsonNode channelStatus(String name) throws Exception {
        for (JsonNode c : Json.MAPPER.readTree(call("GET", "/api/status", null).body()).get("channels")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no " + name + " channel in /api/status");
    }

    /** Approves a pairing code the way the owner does ({@code ./pincer pair CODE}); returns what it printed. */
    public String pair(String code) {
        Cli.Outcome o = Cli.run(Map.of("PINCER_HOME", home.toString()), "pair", code);
        assertThat(o.status()).as(o.all()).isZero();
        return o.out();
    }

    public List<JsonNode> messages(String chat, long after, int waitSeconds) throws Exception {
        HttpResponse<String> r = call("GET", "/api/chats/" + chat + "/messages?after=" + after + "&wait=" + waitSeconds, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        Json.MAPPER.readTree(r.body()).get("messages").forEach(out::add);
        return out;
    }

    /** Waits (long-polling) for the assistant's next message in {@code chat} after {@code seq}. */
    public JsonNode awaitReply(String chat, long after, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long cursor = after;
        while (System.nanoTime() < deadline) {
            for (JsonNode m : messages(chat, cursor, 10)) {
                cursor = m.get("seq").asLong();
                if (m.get("fromAssistant").asBoolean()) {
                    return m;
                }
            }
        }
        throw new AssertionError("no reply in " + chat + " within " + timeout + "; runs: " + pincer.recentRuns()
                + "\nrun logs:\n" + runLogs());
    }

    /** The sandbox logs of every run so far, for failure messages. */
    public String runLogs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.find(home.resolve("logs"), 4, (p, a) -> p.getFileName().toString().startsWith("run-"))) {
            for (Path p : files.sorted().toList()) {
                sb.append("== ").append(home.relativize(p)).append('\n').append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        stop();
        model.close();
    }
}
