package dev.pincer.cli;

import dev.pincer.host.config.Config;
import dev.pincer.host.doctor.Check;
import dev.pincer.host.doctor.Doctor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./pincer doctor}: prints what {@link Doctor} checks, with a fix for each problem. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, the sandbox (runs a real self-test), the agent jar, credentials, "
        + "the web port, each group's extra mounts and each chat channel.",
        footer = {"", "Example:", "  ./pincer doctor"})
public final class DoctorCommand extends PincerCommand implements Callable<Integer> {

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = out();
        Config config;
        try {
            config = config();
        } catch (Fail e) {
            out.println("FAIL  configuration: " + e.getMessage());
            return 1;
        }
        boolean ok = true;
        for (Check c : Doctor.checks(config)) {
            out.printf("%-5s %s: %s%n", c.info() ? "-" : c.ok() ? "ok" : "FAIL", c.name(), c.detail());
            if (!c.ok()) {
                ok = false;
                out.println("      fix: " + c.fix().replace("\n", "\n           "));
            }
        }
        out.println(ok ? "Pincer is ready: ./pincer start" : "Pincer is not ready; fix the lines marked FAIL.");
        out.flush();
        return ok ? 0 : 1;
    }
}
