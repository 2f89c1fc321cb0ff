package dev.pincer.host.doctor;

import dev.pincer.host.app.Runtimes;
import dev.pincer.host.config.Config;
import dev.pincer.host.proxy.Credentials;
import dev.pincer.host.proxy.SandboxProxies;
import dev.pincer.host.sandbox.Sandboxes;
import dev.pincer.host.sandbox.SelfTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./pincer doctor} checks: Java, the sandbox runtimes (each runs a real self-test
 * sandbox), the agent jar, the credential, the web port and the extra mounts. Each problem comes
 * with its fix.
 */
public final class Doctor {
    private Doctor() {}

    public static List<Check> checks(Config config) {
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        checks.addAll(sandbox(config));
        checks.add(agentJar(config));
        checks.addAll(JvmCacheCheck.checks(config, System.getenv("PINCER_HOST_JVM_CACHE")));
        checks.add(credentials(config));
        checks.add(webPort(config));
        checks.addAll(MountsCheck.checks(config));
        checks.addAll(ChannelChecks.checks(config));
        checks.add(browser());
        return checks;
    }

    /** The check of one channel module (its settings, and a quick call to its platform), as {@link #checks} has it. */
    public static Check channel(Config config, dev.pincer.host.channel.ChannelProvider provider) {
        return ChannelChecks.check(config, provider);
    }

    /** Optional: the headless browser the web app's browser tests drive (never needed to run Pincer). */
    static Check browser() {
        boolean chromium = Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromium"));
        boolean driver = Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromedriver"));
        String detail = chromium && driver ? "chromium and chromedriver found (for the web app's browser tests)"
                : "not installed; only the web app's browser tests need it (" + (chromium ? "" : "chromium ")
                        + (driver ? "" : "chromedriver") + " missing)";
        return new Check("browser (tests)", chromium && driver, detail, "apt-get install -y chromium chromium-driver", true);
    }

    private static Check java() {
        int feature = Runtime.version().feature();
        return new Check("java", feature >= 21, "Java " + Runtime.version() + " at " + System.getProperty("java.home"),
                "install Java 21 or newer and point JAVA_HOME at it");
    }

    /**
     * Self-tests the runtimes {@code PINCER_SANDBOX} names. With {@code auto}, one working runtime is
     * enough and the others are shown for information; with an explicit name, that one must work.
     */
    private static List<Check> sandbox(Config config) {
        List<Check> checks = new ArrayList<>();
        List<Sandboxes.Attempt> attempts = Sandboxes.probe(config.sandbox().runtime(), Runtimes.all(config));
        boolean any = attempts.stream().anyMatch(a -> a.result().ok());
        boolean auto = "auto".equals(config.sandbox().runtime());
        for (Sandboxes.Attempt a : attempts) {
            SelfTest r = a.result();
            String detail = r.ok() ? r.detail() : "not usable: " + r.detail();
            checks.add(new Check("sandbox " + a.name(), r.ok() || auto, detail, r.fix(), auto && !r.ok()));
        }
        if (auto && !any) {
            String fixes = attempts.stream().filter(a -> !a.result().fix().isEmpty())
                    .map(a -> a.name() + ": " + a.result().fix()).findFirst().orElse("install bubblewrap");
            checks.add(new Check("sandbox", false, "no sandbox runtime works; Pincer will not run agents", fixes));
        }
        return checks;
    }

    private static Check agentJar(Config config) {
        boolean ok = Files.isRegularFile(config.agents().jar());
        return new Check("agent jar", ok, config.agents().jar().toString(),
                "build it: ./mvnw -B -DskipTests package (./pincer does this on start)");
    }

    /**
     * The credential the egress proxy would inject and its upstream, validated the way
     * {@code start} validates them; the upstream is shown as the proxy would use it (no user info).
     */
    private static Check credentials(Config config) {
        boolean openai = config.llm().isOpenAi();
        String fix = openai
                ? "put OPENAI_API_KEY=... into " + config.layout().envFile() + " (any value for a local server such as Ollama)"
                : "put ANTHROPIC_API_KEY=... (or CLAUDE_CODE_OAUTH_TOKEN=...) into " + config.layout().envFile();
        Credentials credentials;
        try {
            credentials = SandboxProxies.credentials(config);
        } catch (IllegalArgumentException e) {
            return new Check("credentials", false, e.getMessage(), openai
                    ? "set OPENAI_BASE_URL to scheme://host[:port][/path]" : "set ANTHROPIC_BASE_URL to scheme://host[:port][/path]");
        }
        if (credentials == null) {
            return new Check("credentials", false, openai ? "no OpenAI-compatible credential configured"
                    : "no Anthropic credential configured", fix);
        }
        String which = openai ? "OPENAI_API_KEY" : config.llm().anthropic().apiKey() != null ? "ANTHROPIC_API_KEY" : "OAuth/auth token";
        return new Check("credentials", true, which + " set (upstream " + credentials.upstream() + ")", fix);
    }

    private static Check webPort(Config config) {
        if (config.web().port() == 0) {
            return new Check("web port", true, "ephemeral port", "");
        }
        try (ServerSocket s = new ServerSocket(config.web().port(), 1, InetAddress.getByName(config.web().host()))) {
            return new Check("web port", true, config.web().host() + ":" + s.getLocalPort() + " is free", "");
        } catch (IOException e) {
            return new Check("web port", false, config.web().host() + ":" + config.web().port() + " is in use or not bindable ("
                    + e.getMessage() + ")", "stop what uses it, or set PINCER_WEB_PORT to another port");
        }
    }
}
