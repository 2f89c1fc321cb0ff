package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Database;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No log holds a secret. Two real {@code pincer start} processes (DEBUG logging, the production
 * logback configuration) and a {@code pincer doctor} run against one home: the first with an API
 * key and a generated web token, the second with an OAuth token and an explicit web token (and a
 * start and a doctor refusing a password in the upstream URL). They run agents with tool calls, host tools, refused
 * egress, an invalid IPC request, a failed model call, web sign-in, refused web calls and
 * restarts. Then everything they wrote is searched for every secret: their terminal output
 * (except the start-up link, printed once for the operator), every file under {@code logs/}
 * (the sandboxes' run logs), {@code data/ipc-errors/}, the audit table and the raw database.
 */
class LogSecretsTest {

    static final String API_KEY = "sk-ant-api03-LOGSECRET-" + Long.toHexString(System.nanoTime());
    static final String OAUTH = "sk-ant-oat01-LOGSECRET-" + Long.toHexString(System.nanoTime() * 31);
    static final String GATEWAY_PASSWORD = "gw-pass-LOGSECRET-" + Long.toHexString(System.nanoTime() * 7);
    static final String EXPLICIT_WEB_TOKEN = "web-token-LOGSECRET-" + Long.toHexString(System.nanoTime() * 13);

    @TempDir Path home;
    @TempDir Path out;
    @TempDir Path xdg;
    @AutoClose FakeAnthropic model = new FakeAnthropic();

    private final List<String> secrets = new ArrayList<>(List.of(API_KEY, OAUTH, GATEWAY_PASSWORD, EXPLICIT_WEB_TOKEN));
    /** Terminal output of each process with its start-up link line taken out. */
    private final Map<String, String> terminals = new LinkedHashMap<>();

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("PINCER_HOME", home.toString(), "HOME", xdg.toString(),
                "XDG_CONFIG_HOME", xdg.toString(), "PINCER_WEB_PORT", "0", "PINCER_AGENT_JAR", Harness.agentJar().toString(),
                "PINCER_AGENT_TIMEOUT", "120", "PINCER_AGENT_MEMORY_MB", "256", "PINCER_LOG_LEVEL", "DEBUG", "TZ", "UTC",
                "PINCER_SANDBOX", "bwrap"));
        env.put("PINCER_JVM_CACHE", "off");
        env.putAll(extra);
        return env;
    }

    @Test
    void noLogAuditOrErrorFileCarriesACredentialOrToken() throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=" + API_KEY + "\n");
        Files.writeString(home.resolve("README.md"), "project\n");
        firstRun();
        Files.writeString(home.resolve(".env"), "CLAUDE_CODE_OAUTH_TOKEN=" + OAUTH + "\n");
        secondRun();
        // a password in the upstream URL is refused at start and by doctor; no refusal may repeat it
        String gateway = model.baseUrl().replace("http://", "http://pincer-gw:" + GATEWAY_PASSWORD + "@");
        Map<String, String> refusals = Map.of(gateway, "without user info", gateway.replace("http://", "ftp://"), "http(s) URL",
                gateway + "/a b", "not a valid URL");
        int n = 0;
        for (Map.Entry<String, String> bad : refusals.entrySet()) {
            for (String command : List.of("start", "doctor")) {
                try (PincerProcess p = new PincerProcess(out, command + "-gateway-" + n++, env(Map.of("ANTHROPIC_BASE_URL", bad.getKey())),
                        command, false)) {
                    terminals.put(command + " with ANTHROPIC_BASE_URL " + bad.getValue(), p.output());
                    assertThat(p.output()).contains(bad.getValue());
                }
            }
        }
        try (PincerProcess doctor = new PincerProcess(out, "doctor", env(Map.of("ANTHROPIC_BASE_URL", model.baseUrl(),
                "PINCER_WEB_TOKEN", EXPLICIT_WEB_TOKEN)), "doctor", false)) {
            terminals.put("doctor", doctor.output());
            assertThat(doctor.output()).as("control: doctor ran its checks").contains("sandbox");
        }

        Map<String, String> places = collect();
        System.out.println("searched for " + secrets.size() + " secrets in: " + places.keySet());
        for (Map.Entry<String, String> place : places.entrySet()) {
            for (String secret : secrets) {
                assertThat(place.getValue()).as("%s holds a secret (%s...)", place.getKey(), secret.substring(0, 8))
                        .doesNotContain(secret);
            }
        }
    }

    /** API key, generated web token: a run with tools, host tools, refused egress and a bad IPC file; a failed run. */
    private void firstRun() throws Exception {
        model.respondWith(r -> {
            String body = String.valueOf(r.body());
            if (body.contains("fail this one")) {
                return Reply.error(401, "authentication_error", "invalid x-api-key");
            }
            return r.toolResults().isEmpty() ? Reply.toolUses("Working.", List.of(
                    new Reply.ToolCall("Bash", Map.of("command", "env; id; curl -sS --max-time 10 -x http://127.0.0.1:3128 "
                            + "http://10.0.0.1/ 2>&1; curl -sS --max-time 10 http://127.0.0.1:3128/nope 2>&1; echo done")),
                    new Reply.ToolCall("Bash", Map.of("command", "printf '{\"id\":\"1700000000000000005-aaaaaaaa05\",\"tool\":' "
                            + "> /workspace/ipc/requests/y.tmp && mv /workspace/ipc/requests/y.tmp "
                            + "/workspace/ipc/requests/1700000000000000005-aaaaaaaa05.json; sleep 1; echo written")),
                    new Reply.ToolCall("send_message", Map.of("text", "a note", "chat", "web:main")),
                    new Reply.ToolCall("schedule_task", Map.of("prompt", "later", "schedule_type", "once",
                            "schedule_value", "2099-01-01T00:00:00Z", "context_mode", "group")),
                    new Reply.ToolCall("Read", Map.of("file_path", "/workspace/project/.env"))))
                    : Reply.text("All done.");
        });
        try (PincerProcess p = new PincerProcess(out, "start-1", env(Map.of("ANTHROPIC_BASE_URL", model.baseUrl())), "start", true)) {
            secrets.add(p.token);
            assertThat(p.token).as("a generated token").isEqualTo(Files.readString(home.resolve("data/web-token")).strip());
            HttpResponse<String> group = p.call("POST", "/api/groups", Json.MAPPER.writeValueAsString(Map.of("chat", "web:family",
                    "name", "family", "folder", "family", "trigger", "@Andy", "requiresTrigger", true)));
            assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
            p.awaitText("main", p.post("main", "@Andy do the chores"), "All done.", Duration.ofSeconds(120));
            p.post("family", "@Andy fail this one");
            webCalls(p);
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> model.requests().stream()
                    .anyMatch(r -> String.valueOf(r.body()).contains("fail this one")));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Json.MAPPER.readTree(p.call("GET", "/api/status", null).body())
                    .path("activeRuns").isEmpty());
            terminals.put("start-1", withoutTheLink(p));
        }
        assertThat(model.requests()).as("control: the proxy injected the key").isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(API_KEY));
    }

    /** Sign-in cookie, a wrong token, a foreign origin: the web API's own paths to the log. */
    private void webCalls(PincerProcess p) throws Exception {
        HttpResponse<String> session = p.call("POST", "/api/session", null);
        assertThat(session.statusCode()).isEqualTo(204);
        String cookie = HttpCookie.parse(session.headers().firstValue("Set-Cookie").orElseThrow()).getFirst().getValue();
        secrets.add(cookie);
        assertThat(p.call("GET", "/api/status", null, Map.of("Cookie", "pincer-" + p.port + "=" + cookie)).statusCode()).isEqualTo(200);
        assertThat(p.call("GET", "/api/groups", null, Map.of("Authorization", "Bearer " + p.token + "x")).statusCode()).isEqualTo(401);
        assertThat(p.call("POST", "/api/chats/main/messages", "{\"text\":\"x\"}",
                Map.of("Authorization", "Bearer " + p.token, "Origin", "http://evil.example")).statusCode()).isEqualTo(403);
    }

    /** OAuth token, explicit web token; a restart with one more run. */
    private void secondRun() throws Exception {
        model.respondWith(r -> r.toolResults().isEmpty()
                ? Reply.toolUse("Bash", Map.of("command", "cat /proc/self/environ | tr '\\0' '\\n'; echo ok"))
                : Reply.text("Second done."));
        int before = model.requests().size();
        try (PincerProcess p = new PincerProcess(out, "start-2", env(Map.of("ANTHROPIC_BASE_URL", model.baseUrl(),
                "PINCER_WEB_TOKEN", EXPLICIT_WEB_TOKEN)), "start", true)) {
            assertThat(p.token).isEqualTo(EXPLICIT_WEB_TOKEN);
            p.awaitText("main", p.post("main", "@Andy again"), "Second done.", Duration.ofSeconds(120));
            terminals.put("start-2", withoutTheLink(p));
        }
        List<RecordedRequest> second = model.requests().subList(before, model.requests().size());
        assertThat(second).as("control: the proxy injected the OAuth token").isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + OAUTH));
    }

    /** The process's terminal output with its one start-up link line removed (checked to be there once). */
    private static String withoutTheLink(PincerProcess p) throws Exception {
        String all = p.output();
        String line = "Chat with Andy: " + p.link;
        assertThat(all.split(Pattern.quote(p.token), -1)).as("the token appears once, in the link:\n" + all)
                .hasSize(2);
        assertThat(all).contains(line + "\n");
        return all.replace(line + "\n", "");
    }

    /** Every place the runs wrote to, by name. */
    private Map<String, String> collect() throws Exception {
        Map<String, String> places = new LinkedHashMap<>(terminals);
        assertThat(String.join("\n", terminals.values())).as("control: DEBUG logging was on and sandboxes ran")
                .contains("DEBUG").contains("started sandbox");
        for (Path dir : List.of(home.resolve("logs"), home.resolve("data/ipc-errors"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    places.put(home.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(places.keySet()).as("control: run logs and the invalid request were kept")
                .anyMatch(k -> k.startsWith("logs/runs/main/run-")).anyMatch(k -> k.startsWith("logs/runs/family/run-"))
                .anyMatch(k -> k.startsWith("data/ipc-errors/") && k.contains("1700000000000000005-aaaaaaaa05"));
        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            List<AuditLog.Entry> audit = new AuditLog(db).recent(100_000);
            assertThat(audit).as("control: refused egress and the rejected request were audited")
                    .anyMatch(e -> e.kind().equals("egress") && e.verdict().equals("denied"))
                    .anyMatch(e -> e.kind().equals("ipc-request"));
            places.put("audit table", audit.toString());
        }
        try (Stream<Path> store = Files.list(home.resolve("store"))) {
            for (Path f : store.filter(Files::isRegularFile).toList()) {
                places.put("store/" + f.getFileName(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return places;
    }
}
