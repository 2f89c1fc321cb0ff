package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.config.DotEnv;
import dev.pincer.host.sandbox.limits.LimitsProbe;
import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.FakeOpenAI;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pincer setup}, scripted with flags and answered on a fake terminal: keys are checked with
 * one real call to the (fake) provider before they are stored in {@code .env} (mode 0600), channel
 * settings are checked by the channel module (the tests' loopback channel), and the run ends with
 * what works and what {@code doctor} still flags.
 */
class SetupCommandTest {

    @TempDir Path home;
    @TempDir Path files;
    FakeAnthropic model;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        model = new FakeAnthropic();
        env = new java.util.HashMap<>(Cli.stopped(home));
        env.put("ANTHROPIC_BASE_URL", model.baseUrl());
        env.put("PINCER_AGENT_JAR", Harness.agentJar().toString());
        if (!LimitsProbe.probe().capsSandbox()) {
            env.put("PINCER_ALLOW_UNLIMITED", "1");
        }
    }

    @AfterEach
    void stop() {
        model.close();
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(files.resolve(name), text);
    }

    private Map<String, String> dotEnv() throws Exception {
        return DotEnv.read(home.resolve(".env"));
    }

    @Test
    void scriptedItChecksTheKeyAndTheChannelBeforeStoringThem() throws Exception {
        Files.writeString(home.resolve(".env"), "# mine\nASSISTANT_NAME=Bob\n");
        Path key = file("anthropic.key", "sk-ant-api03-good\n");
        Path token = file("loopback.env", "LOOPBACK_CHANNEL=on\nLOOPBACK_TOKEN=good-token\n");
        Cli.Outcome o = Cli.run(env, "setup", "--yes", "--provider", "anthropic", "--key-file", key.toString(),
                "--channel", "loopback", "--token-file", token.toString());
        assertThat(o.status()).as(o.all()).isZero();
        assertThat(o.out()).contains("ok: the key works: claude-sonnet-4-5 answered at " + model.baseUrl(),
                "loopback: ok, configured; token accepted", "What works:", "Checking the rest (./pincer doctor)")
                .doesNotContain("sk-ant-api03-good", "good-token");
        RecordedRequest call = model.requests().get(0);
        assertThat(call.header("x-api-key")).isEqualTo("sk-ant-api03-good");
        assertThat(call.body().get("max_tokens").asInt()).isEqualTo(1);
        assertThat(Files.readString(home.resolve(".env"))).startsWith("# mine\nASSISTANT_NAME=Bob\n");
        assertThat(dotEnv()).containsEntry("ANTHROPIC_API_KEY", "sk-ant-api03-good").containsEntry("LOOPBACK_CHANNEL", "on")
                .containsEntry("LOOPBACK_TOKEN", "good-token").containsEntry("ASSISTANT_NAME", "Bob");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".env")))).isEqualTo("rw-------");

        model.enqueue(Reply.error(401, "authentication_error", "invalid x-api-key"));
        Cli.Outcome refused = Cli.run(env, "setup", "--yes", "--key-file", file("bad.key", "sk-ant-api03-bad").toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.out()).contains("not stored: " + model.baseUrl() + " refused the key (HTTP 401: invalid x-api-key)",
                "FAIL  the key in");
        Cli.Outcome badToken = Cli.run(env, "setup", "--yes", "--channel", "loopback", "--token-file",
                file("bad.env", "LOOPBACK_CHANNEL=on\nLOOPBACK_TOKEN=bad\n").toString());
        assertThat(badToken.status()).isEqualTo(1);
        assertThat(badToken.out()).contains("ok: the key works", "loopback: not stored: configured, but the check failed: the platform refused the token");
        assertThat(dotEnv()).as("nothing refused replaced what worked")
                .containsEntry("ANTHROPIC_API_KEY", "sk-ant-api03-good").containsEntry("LOOPBACK_TOKEN", "good-token");

        Cli.Outcome unknown = Cli.run(env, "setup", "--yes", "--channel", "carrier-pigeon", "--token-file", token.toString());
        assertThat(unknown.err()).startsWith("pincer: no chat channel module 'carrier-pigeon'; installed: ").contains("loopback");
    }

    @Test
    void interactivelyEveryStepCanBeAnsweredRetriedOrSkipped() throws Exception {
        model.enqueue(Reply.error(401, "authentication_error", "invalid x-api-key"));
        String answers = "\n"            // provider: keep anthropic
                + "sk-ant-api03-typo\n"  // refused
                + "sk-ant-api03-typed\n" // accepted
                + channels("y\non\n");   // set up loopback with LOOPBACK_CHANNEL=on, no other channel module
        Cli.Outcome o = Cli.run(env, new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)), "setup");
        assertThat(o.status()).as(o.all()).isZero();
        assertThat(o.out()).contains("Provider: anthropic or openai", "Paste the API key (Enter skips)",
                "refused the key (HTTP 401", "ok: the key works", "Set up loopback? (y/N)", "LOOPBACK_CHANNEL (on: the tests' loopback channel)",
                "loopback: ok, configured (not checked before start)", "./pincer pair CODE");
        assertThat(dotEnv()).containsEntry("ANTHROPIC_API_KEY", "sk-ant-api03-typed").containsEntry("LOOPBACK_CHANNEL", "on")
                .doesNotContainKey("PINCER_PROVIDER");

        Cli.Outcome again = Cli.run(env, new ByteArrayInputStream(("\n\n" + channels("n\n")).getBytes(StandardCharsets.UTF_8)), "setup");
        assertThat(again.status()).as(again.all()).isZero();
        assertThat(again.out()).contains("(Enter keeps the current one)", "(configured; y replaces its settings)",
                "ok    the anthropic key in .env works");
        assertThat(dotEnv()).containsEntry("ANTHROPIC_API_KEY", "sk-ant-api03-typed").containsEntry("LOOPBACK_CHANNEL", "on");
    }

    /** The answers to "Set up <channel>?" for every channel module on the class path: {@code loopback} for the loopback one, no to the others. */
    private static String channels(String loopback) {
        StringBuilder b = new StringBuilder();
        for (var p : dev.pincer.cli.setup.ChannelSetup.providers()) {
            b.append(p.name().equals("loopback") ? loopback : "n\n");
        }
        return b.toString();
    }

    @Test
    void anOpenAiCompatibleServerNeedsAModelAndGetsItsKeyChecked() throws Exception {
        try (FakeOpenAI openai = new FakeOpenAI()) {
            Cli.Outcome o = Cli.run(env, "setup", "--yes", "--provider", "openai", "--base-url", openai.baseUrl(), "--model", "qwen3",
                    "--key-file", file("openai.key", "ollama").toString());
            assertThat(o.status()).as(o.all()).isZero();
            assertThat(openai.requests().get(0).header("authorization")).isEqualTo("Bearer ollama");
            assertThat(openai.requests().get(0).model()).isEqualTo("qwen3");
            assertThat(dotEnv()).containsEntry("PINCER_PROVIDER", "openai").containsEntry("OPENAI_BASE_URL", openai.baseUrl())
                    .containsEntry("PINCER_MODEL", "qwen3").containsEntry("OPENAI_API_KEY", "ollama");
        }
    }

    @Test
    void aBareRunSaysWhatIsMissingAndWhatDoctorFlags() {
        Cli.Outcome o = Cli.run(env, "setup", "--yes");
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.out()).contains("FAIL  no anthropic key yet", "doctor still flags:", "FAIL  credentials");
        assertThat(home.resolve(".env")).doesNotExist();
    }
}
