package dev.pincer.host.run;

import dev.pincer.host.sandbox.SandboxProcess;
import dev.pincer.host.sandbox.SandboxRefusedException;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.SandboxSpec;
import dev.pincer.host.store.RunLedger;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a run's sandbox and records in the run's row what it got: runtime, seccomp, limits and
 * the uid it runs as. A sandbox the runtime refused (it lacked what the configuration demands)
 * records what it would have got, and the refusal goes on to fail the run with its reason.
 */
final class SandboxStart {
    private SandboxStart() {}

    private static final Logger log = LoggerFactory.getLogger(SandboxStart.class);

    static SandboxProcess start(SandboxRuntime runtime, SandboxSpec spec, RunLedger ledger, String runId) throws IOException {
        SandboxProcess process;
        try {
            process = runtime.start(spec);
        } catch (SandboxRefusedException e) {
            ledger.recordIsolation(runId, e.isolation());
            log.warn("run {} of group {}: {}", runId, spec.groupFolder(), e.getMessage());
            throw e;
        }
        try {
            ledger.recordIsolation(runId, process.isolation());
        } catch (RuntimeException e) {
            process.kill(); // a sandbox whose run cannot be recorded does not run
            throw e;
        }
        log.info("sandbox of run {} (group {}): {}", runId, spec.groupFolder(), process.isolation().describe());
        return process;
    }
}
