package dev.pincer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.app.Pincer;
import dev.pincer.host.config.Config;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.Sandboxes;
import dev.pincer.host.sandbox.bwrap.BwrapRuntime;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Prints how long the parts of one message's round trip take on this machine, with a fake model
 * that answers at once (so only Pincer's own cost is measured). Medians of N runs; nothing is
 * asserted. Usage: {@code bench/run [runs]}.
 */
public final class LatencyBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path agentJar = Path.of(System.getProperty("pincer.agentJar", "agent/target/pincer-agent.jar")).toAbsolutePath();
        Path home = Files.createTempDirectory("pincer-bench");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (FakeAnthropic model = new FakeAnthropic()) {
            Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=sk-ant-bench\n");
            Config config = config(home, model, agentJar, "300");
            SandboxRuntime runtime = Sandboxes.select("bwrap", List.of(new BwrapRuntime(
                    BwrapRuntime.resolveBinary(null), config.sandbox().user().uid(), config.sandbox().user().gid(), BwrapRuntime.DEFAULT_STAGE_DIR)));

            System.out.printf("Pincer latency bench: %d runs each, medians in ms (%d cores, Java %s)%n",
                    runs, Runtime.getRuntime().availableProcessors(), Runtime.version());
            report("sandbox self-test (bwrap + setpriv + staging, /bin/sh)", runs, () -> time(() -> runtime.selfTest()));

            roundTrips("warm sandbox (PINCER_IDLE_TIMEOUT=300: follow-ups go into the live sandbox)",
                    config, runtime, model, runs);
            roundTrips("cold sandbox (PINCER_IDLE_TIMEOUT=0: every message starts a new sandbox and agent JVM)",
                    config(home, model, agentJar, "0"), runtime, model, runs);
        } finally {
            deleteTree(home);
        }
    }

    private static Config config(Path home, FakeAnthropic model, Path agentJar, String idleSeconds) throws Exception {
        return Config.load(Map.of("PINCER_HOME", home.toString(), "ANTHROPIC_BASE_URL", model.baseUrl(),
                "PINCER_WEB_PORT", "0", "PINCER_AGENT_JAR", agentJar.toString(), "TZ", "UTC",
                "PINCER_IDLE_TIMEOUT", idleSeconds), home);
    }

    private static void roundTrips(String title, Config config, SandboxRuntime runtime, FakeAnthropic model, int runs)
            throws Exception {
        System.out.println(title);
        {
            try (Pincer pincer = Pincer.start(config, runtime)) {
                URI link = pincer.links().get(0);
                Client client = new Client(link.getPort(), link.getFragment().substring("token=".length()));
                List<Long> firstRequest = new ArrayList<>();
                model.respondWith(r -> {
                    firstRequest.add(System.nanoTime());
                    return Reply.text("pong");
                });
                List<Long> toModel = new ArrayList<>();
                List<Long> total = new ArrayList<>();
                for (int i = 0; i < runs + 1; i++) { // the first run warms caches and is not counted
                    firstRequest.clear();
                    long t0 = System.nanoTime();
                    long seq = client.post("ping " + i);
                    client.awaitReply(seq);
                    long t1 = System.nanoTime();
                    if (i > 0) {
                        toModel.add(firstRequest.get(0) - t0);
                        total.add(t1 - t0);
                    }
                }
                print("message -> first model request (store, queue, sandbox, agent JVM start)", toModel);
                print("message -> reply visible in GET /api/chats/main/messages", total);

                model.respondWith(r -> r.toolResults().isEmpty()
                        ? Reply.toolUse("Bash", Map.of("command", "echo hi > bench.txt"))
                        : Reply.text("done"));
                report("message -> reply with one Bash tool round trip", runs, () -> {
                    long t0 = System.nanoTime();
                    client.awaitReply(client.post("write a file"));
                    return System.nanoTime() - t0;
                });
            }
        }
    }

    interface Sample {
        long nanos() throws Exception;
    }

    private static long time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    private static void report(String what, int runs, Sample sample) throws Exception {
        sample.nanos(); // warm-up
        List<Long> xs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            xs.add(sample.nanos());
        }
        print(what, xs);
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        System.out.printf("  %-75s median %7.1f  min %7.1f  max %7.1f%n", what,
                s.get(s.size() / 2) / 1e6, s.get(0) / 1e6, s.get(s.size() - 1) / 1e6);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("bench: could not remove " + root + ": " + e.getMessage());
        }
    }

    /** The web API, as a user's client would call it. */
    private record Client(int port, String token) {
        private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        long post(String text) throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/chats/main/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of("text", text)))));
            return Json.MAPPER.readTree(r.body()).get("seq").asLong();
        }

        void awaitReply(long after) throws Exception {
            long cursor = after;
            while (true) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/chats/main/messages?after=" + cursor + "&wait=30")).GET());
                for (JsonNode m : Json.MAPPER.readTree(r.body()).get("messages")) {
                    cursor = m.get("seq").asLong();
                    if (m.get("fromAssistant").asBoolean()) {
                        return;
                    }
                }
            }
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
            return HTTP.send(b.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
