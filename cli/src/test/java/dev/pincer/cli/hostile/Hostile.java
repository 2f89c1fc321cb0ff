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
import java.util.regex.Pattern;

/**
 * Shared plumbing of the hostile-agent suite: a real {@link Harness} (real sandboxes of a pinned
 * runtime, the real agent jar, the real egress proxy, a fake model) with secrets planted where an
 * agent must never reach them, and one scripted model turn per sandbox run whose tool results (as
 * the fake model receives them in its next request) the tests then check one attack at a time.
 *
 * <p>The runtime is {@code bwrap} unless the system property {@code pincer.hostile.sandbox} names
 * {@code docker} or {@code podman} (then {@code DOCKER_HOST}, {@code PINCER_CONTAINER_IMAGE} and
 * {@code PINCER_CONTAINER_HOST_USR} come from the environment); every harness checks in
 * {@code /api/status} that this runtime, and no other, ran its sandboxes.
 */
public final class Hostile {

    /** Markers planted on the host; none may ever appear in anything the model receives. */
    public static final String STORE_MARKER = "STORE-MARKER-7f3a91";
    public static final String OTHER_GROUP_MARKER = "OTHER-GROUP-MARKER-c41d0e";
    public static final String OTHER_SESSION_MARKER = "OTHER-SESSION-MARKER-9b2e77";
    public static final String OTHER_IPC_MARKER = "OTHER-IPC-MARKER-5a8c13";
    public static final String ALLOWLIST_MARKER = "ALLOWLIST-MARKER-e6f042";

    /** What a probe prints when it ran a command that is not installed (see {@link #bash}). */
    static final String MISSING_COMMAND = "PROBE-MISSING-COMMAND";
    private static final Pattern WRAPPER_MISSING = Pattern.compile("failed to (run command|execute)|Exit code: 127\\b");

    private Hostile() {}

    /** The sandbox runtime the suite attacks: {@code bwrap} unless {@code -Dpincer.hostile.sandbox=docker|podman}. */
    public static String runtime() {
        return System.getProperty("pincer.hostile.sandbox", "bwrap").strip();
    }

    /** Whether the suite runs on a container runtime (docker or podman) rather than bwrap. */
    public static boolean containers() {
        return !runtime().equals("bwrap");
    }

    /** A harness (not started) whose sandboxes can only come from {@link #runtime()}. */
    public static Harness harness(Path home) throws IOException {
        Harness h = new Harness(home);
        h.set("PINCER_SANDBOX", runtime());
        if (containers()) {
            for (String name : List.of("DOCKER_HOST", "PINCER_DOCKER_HOST", "PINCER_CONTAINER_IMAGE", "PINCER_CONTAINER_HOST_USR")) {
                String value = System.getenv(name);
                if (value != null && !value.isBlank()) {
                    h.set(name, value);
                }
            }
        }
        return h;
    }

    /** Asserts that the running Pincer uses the pinned runtime (from {@code /api/status}). */
    public static void assertPinnedRuntime(Harness h) throws Exception {
        HttpResponse<String> r = h.call("GET", "/api/status", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(r.body()).path("sandbox").asText()).as("the sandbox runtime in /api/status")
                .isEqualTo(runtime());
    }

    /** A started harness with group {@code family} (non-main, the usual attacker) and {@code other} (the victim). */
    public static Harness start(Path home, Path xdg, Map<String, String> extra) throws Exception {
        Harness h = harness(home);
        // A private copy of the agent jar: concurrent builds may replace the shared one, and its hash is checked.
        Path jar = xdg.resolve("pincer-agent.jar");
        Files.copy(Harness.agentJar(), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(xdg, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        h.set("PINCER_AGENT_JAR", jar.toString());
        h.set("XDG_CONFIG_HOME", xdg.toString());
        extra.forEach(h::set);
        h.start();
        assertPinnedRuntime(h);
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

    /**
     * A Bash call running {@code command} in a subshell under a {@code command_not_found_handle}
     * (exported to child shells) that records every command that is not installed; the result then
     * ends with a {@value #MISSING_COMMAND} line naming them, which {@link #checked} turns into a
     * test failure. Without it a probe like {@code sudo -n id; echo rc=$?} "fails" with 127 and the
     * test passes having attacked nothing.
     */
    public static Reply.ToolCall bash(String command) {
        String wrapped = "export PROBE_MISSING=/tmp/.probe-missing-$$; : > \"$PROBE_MISSING\"\n"
                + "command_not_found_handle() { printf '%s\\n' \"$1\" >> \"$PROBE_MISSING\"; "
                + "printf 'bash: %s: command not found\\n' \"$1\" >&2; return 127; }\n"
                + "export -f command_not_found_handle\n"
                + "(\n" + command + "\n)\n"
                + "probe_rc=$?\n"
                // the marker is assembled at run time: a probe listing command lines must not see it
                + "if [ -s \"$PROBE_MISSING\" ]; then printf '\\n%s-%s: %s\\n' PROBE MISSING-COMMAND \"$(< \"$PROBE_MISSING\")\"; fi\n"
                + "exit $probe_rc";
        return new Reply.ToolCall("Bash", Map.of("command", wrapped, "timeout", 120_000));
    }

    /**
     * The content of a probe's result, failing the test if the probe ran a command that is not
     * installed in the sandbox (bash's 127, or a wrapper such as {@code timeout}, {@code setsid} or
     * {@code unshare} that could not execute its program): install it on the host (see .ci/run).
     */
    public static String checked(String name, RecordedRequest.ToolResultView result) {
        String out = result.content();
        assertThat(out).as("probe %s ran a command that is not installed (install it, see .ci/run):%n%s", name, out)
                .doesNotContain(MISSING_COMMAND).doesNotContainPattern(WRAPPER_MISSING);
        return out;
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

    /**
     * The lines a probe printed between {@code -- name} and the next {@code -- } line (or the end):
     * how a probe separates a command's output (say, a {@code find}) from the rest.
     */
    public static List<String> section(String output, String name) {
        List<String> lines = output.lines().toList();
        int start = lines.indexOf("-- " + name);
        assertThat(start).as("section '-- %s' in:%n%s", name, output).isNotNegative();
        List<String> out = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("-- ")) {
                break;
            }
            out.add(line);
        }
        return out;
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
