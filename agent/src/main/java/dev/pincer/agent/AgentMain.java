package dev.pincer.agent;

/**
 * Entry point inside the sandbox: {@code java -Xmx256m -jar /opt/pincer/pincer-agent.jar}.
 * Exit codes: 0 the run finished (or the host closed before it started), 1 the run failed and an
 * error result was written, 2 the agent could not start or report (bad environment, IPC folders
 * missing, relay port taken, output not writable); see stderr.
 */
public final class AgentMain {
    private static final Log LOG = Log.named("main");

    private AgentMain() {}

    public static void main(String[] args) {
        System.exit(run());
    }

    static int run() {
        AgentConfig config;
        try {
            config = AgentConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.warn("bad environment: %s", e.getMessage());
            return Agent.STARTUP_FAILED;
        }
        try {
            return new Agent(config, System.getenv()).run();
        } catch (InterruptedException e) {
            LOG.warn("interrupted");
            return Agent.RUN_FAILED;
        } catch (RuntimeException e) {
            LOG.error("unexpected failure", e);
            return Agent.STARTUP_FAILED;
        }
    }
}
