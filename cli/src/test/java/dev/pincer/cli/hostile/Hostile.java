package dev.pincer.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.Harness;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared plumbing of the hostile-agent suite: a real {@link Harness} (real bwrap sandboxes, the
 * real agent jar, the real egress proxy, a fake model) with secrets planted where an agent must
 * never reach them, and one scripted model turn per sandbox run whose tool results (as the fake
 * model receives them in its next request) the tests then check one attack at a time.
 */
public final class Hostile {

    /** Markers planted on the host; none may ever appear in anything the model receives. */
    public static final String STORE_MARKER = "STORE-MARKER-7f3a91";
    public static final String OTHER_GROUP_MARKER = "OTHER-GROUP-MARKER-c41d0e";
    public static final String OTHER_SESSION_MARKER = "OTHER-SESSION-MARKER-9b2e77";
    public static final String OTHER_IPC_MARKER = "OTHER-IPC-MARKER-5a8c13";
    public static final String ALLOWLIST_MARKER = "ALLOWLIST-MARKER-e6f042";

    private Hostile() {}

    /** A started harness with group {@code family} (non-main, the usual attacker) and {@code other} (the victim). */
    public static Harness start(Path home, Path xdg, Map<String, String> extra) throws Exception {
        Harness h = new Harness(home);
        // A private copy of the agent jar: concurrent builds may replace the shared one, and its hash is checked.
        Path jar = xdg.resolve("pincer-agent.jar");
        Files.copy(Harness.agentJar(), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(xdg, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        h.set("PINCER_AGENT_JAR", jar.toString());
        h.set("XDG_CONFIG_HOME", xdg.toString());
        extra.forEach(h::set);
        h.start();
        h.registerGroup("family", "family");
        h.registerGroup("other", "other");
        plant(h, xdg);
        return h;
    }

    static void plant(Harness h, Path xdg) throws IOException {
        Path home = h.home;
        Files.writeString(home.resolve("store/secret-marker"), STORE_MARKER);
        Files.createDirectories(home.resolve("groups/other"));
        Files.writeString(home.resolve("groups/other/secret.txt"), OTHER_GROUP_MARKER);
        Files.createDirectories(home.resolve("data/sessions/other"));
        Files.writeString(home.resolve("data/sessions/other/marker.txt"), OTHER_SESSION_MARKER);
        Files.createDirectories(home.resolve("data/ipc/other"));
        Files.writeString(home.resolve("data/ipc/other/marker.txt"), OTHER_IPC_MARKER);
        Files.createDirectories(xdg.resolve("pincer"));
        Files.writeString(xdg.resolve("pincer/mount-allowlist.json"),
                "{\"allowedRoots\":[{\"path\":\"/nonexistent-" + ALLOWLIST_MARKER + "\"}],\"blockedPatterns\":[\"" + ALLOWLIST_MARKER + "\"]}\n");
    }

    /** Shell that waits (up to 30 s) for {@code responses/<id>.json} inside the sandbox and prints it. */
    public static String waitFor(String id) {
        return "for i in $(seq 1 150); do [ -f /workspace/ipc/responses/" + id + ".json ] && break; sleep 0.2; done; "
                + "cat /workspace/ipc/responses/" + id + ".json 2>&1; echo; ";
    }

    /** Shell that writes a host request the way the agent does: a {@code .tmp} file, then renamed. */
    public static String request(String id, String tool, String argsJson) {
        return "printf '%s' '{\"id\":\"" + id + "\",\"tool\":\"" + tool + "\",\"args\":" + argsJson + "}' > /workspace/ipc/requests/"
                + id + ".json.tmp && mv /workspace/ipc/requests/" + id + ".json.tmp /workspace/ipc/requests/" + id + ".json; ";
    }

    public static Reply.ToolCall bash(String command) {
        return new Reply.ToolCall("Bash", Map.of("command", command, "timeout", 120_000));
    }

    public static Reply.ToolCall call(String name, Object... kv) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            input.put((String) kv[i], kv[i + 1]);
        }
        return new Reply.ToolCall(name, input);
    }

    /**
     * One sandbox run in {@code chat}: the model issues all {@code calls} in one turn, then ends.
     * Returns the tool results, in call order, as the model received them.
     */
    public static List<RecordedRequest.ToolResultView> turn(Harness h, String chat, List<Reply.ToolCall> calls)
            throws Exception {
        int before = h.model.requests().size();
        String nonce = "probe-turn-" + Long.toHexString(System.nanoTime());
        String done = "probes done in " + chat;
        // Answer by content, not by order: a request the agent's tools smuggle onto the LLM route
        // must not take the agent's scripted turn (it gets an API error instead).
        h.model.respondWith(r -> {
            if (!isAgentTurn(r, nonce)) {
                return Reply.error(404, "not_found_error", "hostile suite: not an agent request");
            }
            return r.toolResults().isEmpty() ? Reply.toolUses("Probing.", calls) : Reply.text(done);
        });
        long seq = h.post(chat, "@Andy run the probes " + nonce);
        // Messages the probes make the host deliver (an output file, send_message) may come first.
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        JsonNode reply = h.awaitReply(chat, seq, Duration.ofSeconds(240));
        while (!reply.get("text").asText().equals(done) && System.nanoTime() < deadline) {
            reply = h.awaitReply(chat, reply.get("seq").asLong(), Duration.ofNanos(deadline - System.nanoTime()));
        }
        assertThat(reply.get("text").asText()).as(h.runLogs()).isEqualTo(done);
        List<RecordedRequest> requests = h.model.requests();
        RecordedRequest answer = requests.subList(before, requests.size()).stream()
                .filter(r -> isAgentTurn(r, nonce) && !r.toolResults().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no request carried the tool results"));
        List<RecordedRequest.ToolResultView> results = answer.toolResults();
        assertThat(results).hasSize(calls.size());
        return new ArrayList<>(results);
    }

    private static boolean isAgentTurn(RecordedRequest r, String nonce) {
        try {
            return r.body() != null && r.body().toString().contains(nonce) && !r.toolNames().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every secret the host holds, as strings that must never reach the model. */
    public static List<String> secrets(Harness h) throws IOException {
        List<String> s = new ArrayList<>(List.of(Harness.API_KEY, "sk-ant-", STORE_MARKER, OTHER_GROUP_MARKER,
                OTHER_SESSION_MARKER, OTHER_IPC_MARKER, ALLOWLIST_MARKER, h.model.baseUrl()));
        if (h.pincer != null) {
            s.add(h.webToken());
        }
        Path token = h.home.resolve("data/web-token");
        if (Files.exists(token)) {
            String t = Files.readString(token).strip();
            if (!t.isEmpty()) {
                s.add(t);
            }
        }
        return s;
    }

    /** Asserts that {@code text} carries none of the host's secrets. */
    public static void assertNoSecret(Harness h, String what, String text) throws IOException {
        for (String secret : secrets(h)) {
            assertThat(text).as(what + " must not contain a host secret").doesNotContain(secret);
        }
    }

    public static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The exit status a probe printed as {@code rc=N} (the last one), or -1. */
    public static int rc(String output) {
        int at = output.lastIndexOf("rc=");
        if (at < 0) {
            return -1;
        }
        int end = at + 3;
        while (end < output.length() && Character.isDigit(output.charAt(end))) {
            end++;
        }
        return end == at + 3 ? -1 : Integer.parseInt(output.substring(at + 3, end));
    }

    public static String body(HttpResponse<String> r) {
        return r.statusCode() + " " + r.body();
    }

    public static String json(Object o) throws IOException {
        return Json.MAPPER.writeValueAsString(o);
    }
}
