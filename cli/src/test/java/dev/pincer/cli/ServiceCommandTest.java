package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code ./pincer service install|uninstall}, rendered into a temp dir: the systemd units (checked by
 * {@code systemd-analyze verify} where it is installed) and the launchd plist.
 */
class ServiceCommandTest {

    @TempDir Path home;
    @TempDir Path dir;

    static final Path LAUNCHER = SkillsTest.ROOT.resolve("pincer");

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(Cli.stopped(home));
        env.put("PINCER_LAUNCHER", LAUNCHER.toString());
        return env;
    }

    @Test
    void aSystemdUserUnitRunsThisPincerStartInItsHomeAndRestartsOnFailure() throws Exception {
        Cli.Outcome o = Cli.run(env(), "service", "install", "--dir", dir.toString(), "--kind", "systemd-user");
        assertThat(o.status()).as(o.all()).isZero();
        Path unit = dir.resolve("pincer.service");
        String text = Files.readString(unit);
        assertThat(text).contains("ExecStart=\"" + LAUNCHER + "\" start\n", "WorkingDirectory=" + home + "\n",
                "Environment=\"PINCER_HOME=" + home + "\"\n", "Restart=on-failure\n", "WantedBy=default.target\n",
                "Environment=\"JAVA_HOME=" + System.getProperty("java.home") + "\"\n");
        assertThat(o.out()).contains("Wrote " + unit, "systemctl --user daemon-reload && systemctl --user enable --now pincer",
                "copy it to " + home.resolve("user-home/.config/systemd/user"));
        verify(unit);

        Cli.Outcome system = Cli.run(env(), "service", "install", "--dir", dir.resolve("system").toString(), "--kind", "systemd-system");
        assertThat(Files.readString(dir.resolve("system/pincer.service"))).contains("WantedBy=multi-user.target", "Wants=network-online.target");
        assertThat(system.out()).contains("systemctl daemon-reload && systemctl enable --now pincer");
        verify(dir.resolve("system/pincer.service"));
    }

    /** {@code systemd-analyze verify} when this host has it; else the rendered content is all that is checked. */
    private static void verify(Path unit) throws Exception {
        if (dev.pincer.host.sandbox.HostSystem.findExecutable("systemd-analyze").isEmpty()) {
            System.out.println("ServiceCommandTest: systemd-analyze is not installed here; " + unit + " was checked by its content only");
            return;
        }
        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as("systemd-analyze verify %s: %s", unit, said).isZero();
    }

    @Test
    void aLaunchdPlistIsWellFormedWithTheSameStart() throws Exception {
        Cli.Outcome o = Cli.run(env(), "service", "install", "--dir", dir.toString(), "--kind", "launchd");
        assertThat(o.status()).as(o.all()).isZero();
        Path plist = dir.resolve("dev.pincer.plist");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(plist)));
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains("dev.pincer", LAUNCHER.toString(), "start", "PINCER_HOME", home.toString(), "SuccessfulExit");
        assertThat(Files.readString(plist)).contains("<key>RunAtLoad</key><true/>", "<dict><key>SuccessfulExit</key><false/></dict>");
        assertThat(o.out()).contains("launchctl load -w " + home.resolve("user-home/Library/LaunchAgents/dev.pincer.plist"));
    }

    @Test
    void dryRunWritesNothingAndUninstallRemovesTheUnitAndItsLink() throws Exception {
        Cli.Outcome dry = Cli.run(env(), "service", "install", "--dir", dir.toString(), "--kind", "systemd-user", "--dry-run");
        assertThat(dry.status()).isZero();
        assertThat(dry.out()).contains("Would write " + dir.resolve("pincer.service"), "Restart=on-failure");
        assertThat(dir.resolve("pincer.service")).doesNotExist();

        Cli.run(env(), "service", "install", "--dir", dir.toString(), "--kind", "systemd-user");
        Path wants = Files.createDirectories(dir.resolve("default.target.wants")).resolve("pincer.service");
        Files.createSymbolicLink(wants, dir.resolve("pincer.service"));
        Cli.Outcome removed = Cli.run(env(), "service", "uninstall", "--dir", dir.toString(), "--kind", "systemd-user");
        assertThat(removed.status()).as(removed.all()).isZero();
        assertThat(dir.resolve("pincer.service")).doesNotExist();
        assertThat(Files.exists(wants, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(removed.out()).contains("systemctl --user stop pincer");

        Cli.Outcome again = Cli.run(env(), "service", "uninstall", "--dir", dir.toString(), "--kind", "systemd-user");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).startsWith("pincer: no service file at " + dir.resolve("pincer.service"));
    }

    @Test
    void aMissingLauncherOrUnknownKindIsRefused() {
        Map<String, String> env = env();
        env.put("PINCER_LAUNCHER", home.resolve("nope").toString());
        Cli.Outcome o = Cli.run(env, "service", "install", "--dir", dir.toString(), "--kind", "systemd-user");
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("launcher " + home.resolve("nope") + " is missing");
        Cli.Outcome kind = Cli.run(env(), "service", "install", "--dir", dir.toString(), "--kind", "upstart");
        assertThat(kind.err()).startsWith("pincer: unknown service kind 'upstart'");
    }
}
