package dev.pincer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the bench starts a real Pincer host: with the {@code ./pincer} launcher when one is given
 * (as an operator does; it adds whatever JVM options the launcher adds), else with
 * {@code java -jar pincer.jar}, as the launcher's last line does.
 *
 * @param agentJar the agent jar every sandbox runs
 * @param cliJar   the CLI jar ({@code cli/target/pincer.jar})
 * @param launcher the {@code ./pincer} script, or null
 */
record Launch(Path agentJar, Path cliJar, Path launcher) {

    /** From the system properties {@code pincer.agentJar}, {@code pincer.cliJar} and {@code pincer.launcher}. */
    static Launch fromProperties() {
        Path agent = Path.of(System.getProperty("pincer.agentJar", "agent/target/pincer-agent.jar")).toAbsolutePath().normalize();
        Path cli = Path.of(System.getProperty("pincer.cliJar", "cli/target/pincer.jar")).toAbsolutePath().normalize();
        String l = System.getProperty("pincer.launcher");
        Launch launch = new Launch(agent, cli, l == null || l.isBlank() ? null : Path.of(l).toAbsolutePath());
        for (Path p : new Path[] {agent, launch.launcher() == null ? cli : launch.launcher()}) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("bench: " + p + " is missing; build first (./mvnw -B -q -ntp -DskipTests package)");
            }
        }
        return launch;
    }

    /** The command line of {@code pincer start}. */
    List<String> startCommand() {
        if (launcher != null) {
            return List.of(launcher.toString(), "start");
        }
        List<String> cmd = new ArrayList<>(List.of(java().toString(), "--enable-native-access=ALL-UNNAMED"));
        String opts = System.getenv("PINCER_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", cliJar.toString(), "start"));
        return cmd;
    }

    /** The java the bench runs on, which the host and its sandboxes run on too. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
