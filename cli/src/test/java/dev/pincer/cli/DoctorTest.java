package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.limits.LimitsProbe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pincer doctor} runs a real sandbox self-test and explains failures. */
class DoctorTest {

    @TempDir Path home;

    private record Outcome(int status, String out) {}

    private Outcome doctor(Map<String, String> extra) throws Exception {
        // The sandbox uid must be able to reach a fake bwrap placed here.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=sk-ant-doctor-test\n");
        Map<String, String> env = new HashMap<>(Map.of("PINCER_HOME", home.toString(), "PINCER_WEB_PORT", "0",
                "PINCER_AGENT_JAR", Harness.agentJar().toString()));
        if (!LimitsProbe.probe().capsSandbox()) {
            env.put("PINCER_ALLOW_UNLIMITED", "1"); // a normal user without a delegated cgroup, as the operator would have to
        }
        env.putAll(extra);
        StringWriter out = new StringWriter();
        int status = Main.run(env, new PrintWriter(out, true), new PrintWriter(out, true), "doctor");
        return new Outcome(status, out.toString());
    }

    @Test
    void passesWithAWorkingBubblewrap() throws Exception {
        Outcome o = doctor(Map.of());
        assertThat(o.out()).contains("ok    sandbox bwrap").contains("Pincer is ready").doesNotContain("sk-ant-doctor-test");
        assertThat(o.status()).as(o.out()).isZero();
        // the browser of the web app's tests is an optional line: here (CI installs it) it is found
        assertThat(o.out()).contains("browser (tests)").contains("chromium and chromedriver found");
    }

    @Test
    void reportsTheSeccompFilterAndLimitsAndCanTurnTheFilterOff() throws Exception {
        Outcome on = doctor(Map.of("PINCER_SANDBOX_PIDS", "99"));
        assertThat(on.out()).contains("seccomp filter active").contains("pids 99");
        Outcome off = doctor(Map.of("PINCER_SECCOMP", "off"));
        assertThat(off.status()).as(off.out()).isZero();
        assertThat(off.out()).contains("ok    sandbox bwrap").doesNotContain("seccomp filter active");
    }

    @Test
    void failsWithAFixWhenBubblewrapIsMissing() throws Exception {
        Outcome o = doctor(Map.of("PINCER_SANDBOX", "bwrap", "PINCER_BWRAP", home.resolve("no-such-bwrap").toString()));
        assertThat(o.status()).as(o.out()).isEqualTo(1);
        assertThat(o.out()).contains("FAIL  sandbox bwrap").contains("apt-get install -y bubblewrap");
    }

    @Test
    void failsWithAFixWhenBubblewrapCannotCreateNamespaces() throws Exception {
        Path fake = home.resolve("bwrap");
        Files.writeString(fake, "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Outcome o = doctor(Map.of("PINCER_BWRAP", fake.toString()));
        assertThat(o.status()).as(o.out()).isEqualTo(1);
        assertThat(o.out()).contains("FAIL  sandbox").contains("uid map").contains("sysctl");
    }

    @Test
    void startRefusesToRunWithoutAWorkingSandbox() throws Exception {
        Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=x\n");
        StringWriter err = new StringWriter();
        int status = Main.run(Map.of("PINCER_HOME", home.toString(), "PINCER_WEB_PORT", "0",
                        "PINCER_BWRAP", home.resolve("missing").toString()),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "start");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("No sandbox runtime works").contains("./pincer doctor");
    }

    @Test
    void saysHowSandboxesAreLimitedOrWhyTheyWouldNotBeAndStartAgrees() throws Exception {
        Outcome strict = doctor(Map.of("PINCER_SANDBOX", "bwrap", "PINCER_ALLOW_UNLIMITED", "0"));
        if (LimitsProbe.probe().capsSandbox()) {
            assertThat(strict.status()).as(strict.out()).isZero();
            assertThat(strict.out()).contains("ok    sandbox bwrap").containsPattern("limits: cgroup v[12] \\(memory 1024 MiB");
            return;
        }
        // this user has no per-sandbox limits here (no delegated cgroup): no sandbox, and doctor says why and how
        assertThat(strict.status()).as(strict.out()).isEqualTo(1);
        assertThat(strict.out()).contains("FAIL  sandbox bwrap").contains("no memory or process limit of their own")
                .contains("run Pincer as root").contains("PINCER_ALLOW_UNLIMITED=1");
        StringWriter err = new StringWriter();
        int status = Main.run(Map.of("PINCER_HOME", home.toString(), "PINCER_WEB_PORT", "0", "PINCER_SANDBOX", "bwrap"),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "start");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("no memory or process limit of their own");
        Outcome allowed = doctor(Map.of("PINCER_SANDBOX", "bwrap", "PINCER_ALLOW_UNLIMITED", "1"));
        assertThat(allowed.status()).as(allowed.out()).isZero();
        assertThat(allowed.out()).contains("ok    sandbox bwrap").contains("WARNING: sandboxes run without per-sandbox memory");
    }
}
