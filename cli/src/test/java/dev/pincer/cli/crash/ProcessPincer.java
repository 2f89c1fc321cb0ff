package dev.pincer.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.Harness;
import dev.pincer.host.sandbox.limits.CgroupV1;
import dev.pincer.host.sandbox.limits.CgroupV2;
import dev.pincer.host.sandbox.limits.LimitsMechanism;
import dev.pincer.host.sandbox.limits.LimitsProbe;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.FakeAnthropic;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pincer as its own process ({@code java ... dev.pincer.cli.Main start}), so a test can end it with
 * {@code kill -9} at any moment and start it again on the same home, port and token.
 */
final class ProcessPincer implements AutoCloseable {

    static final String TOKEN = "crash-test-token-0123456789abcdef";

    final Path home;
    final FakeAnthropic model;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private Process process;
    private int starts;

    ProcessPincer(Path home, FakeAnthropic model) throws IOException {
        this.home = home;
        this.model = model;
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=" + Harness.API_KEY + "\n");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    /** Starts Pincer and waits until its API answers. */
    ProcessPincer start() throws Exception {
        Path log = home.resolve("host-" + (++starts) + ".log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.pincer.cli.Main", "start")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("PINCER_HOME", home.toString());
        env.put("ANTHROPIC_BASE_URL", model.baseUrl());
        env.put("PINCER_WEB_PORT", Integer.toString(port));
        env.put("PINCER_WEB_TOKEN", TOKEN);
        env.put("PINCER_AGENT_JAR", Harness.agentJar().toString());
        env.put("PINCER_AGENT_TIMEOUT", "120");
        env.put("PINCER_AGENT_MEMORY_MB", "256");
        env.put("PINCER_IDLE_TIMEOUT", "30");
        env.put("PINCER_JVM_CACHE", "off");
        env.put("TZ", "UTC");
        process = pb.start();
        started.add(process);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("Pincer exited at start:\n" + Files.readString(log)).isTrue();
            if (status().isPresent()) {
                return this;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Pincer did not answer within 60 s:\n" + Files.readString(log));
    }

    /** {@code kill -9}, then waits until the process and every sandbox it started are gone. */
    void kill9() throws Exception {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertNoSandboxLeft();
    }

    /** A graceful stop (SIGTERM), waiting for it. */
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** No process on this machine still runs with this home in its command line (a sandbox or its agent). */
    void assertNoSandboxLeft() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<String> left = sandboxProcesses();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = sandboxProcesses();
        }
        assertThat(left).as("processes of this Pincer home still alive").isEmpty();
    }

    /** No control group of this home's sandboxes is left (the host removes those a killed host left, at its start). */
    void assertNoCgroupLeft() throws Exception {
        String prefix = "pincer-" + LimitsMechanism.ownerTag(home) + "-";
        List<Path> parents = switch (LimitsProbe.probe()) {
            case CgroupV1 v -> List.of(v.memory(), v.pids(), v.cpu());
            case CgroupV2 v -> List.of(v.parent());
            default -> List.of();
        };
        List<Path> left = new ArrayList<>();
        for (Path parent : parents) {
            try (var children = Files.list(parent)) {
                children.filter(c -> c.getFileName().toString().startsWith(prefix)).forEach(left::add);
            }
        }
        assertThat(left).as("sandbox cgroups of this home").isEmpty();
    }

    private List<String> sandboxProcesses() {
        String me = home.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(me)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    Optional<JsonNode> status() {
        try {
            HttpResponse<String> r = call("GET", "/api/status", null);
            return r.statusCode() == 200 ? Optional.of(Json.MAPPER.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    void registerGroupWithoutTrigger(String chat, String folder) throws Exception {
        HttpResponse<String> r = call("POST", "/api/groups", Json.MAPPER.writeValueAsString(Map.of(
                "chat", "web:" + chat, "name", folder, "folder", folder, "trigger", "@Andy", "requiresTrigger", false)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** Posts a user message; returns its seq. */
    long post(String chat, String text) throws Exception {
        HttpResponse<String> r = call("POST", "/api/chats/" + chat + "/messages",
                Json.MAPPER.writeValueAsString(Map.of("text", text, "sender", "Tester")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.MAPPER.readTree(r.body()).get("seq").asLong();
    }

    List<JsonNode> messages(String chat) throws Exception {
        HttpResponse<String> r = call("GET", "/api/chats/" + chat + "/messages?after=0", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        Json.MAPPER.readTree(r.body()).get("messages").forEach(out::add);
        return out;
    }

    /** The host logs of every start, for failure messages. */
    String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            Path p = home.resolve("host-" + i + ".log");
            sb.append("== host start ").append(i).append('\n').append(Files.exists(p) ? Files.readString(p) : "").append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
        }
        http.close();
    }
}
