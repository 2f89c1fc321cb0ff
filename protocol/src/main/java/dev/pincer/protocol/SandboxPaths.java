package dev.pincer.protocol;

/** Fixed paths and ports inside every sandbox (see docs/SECURITY.md). */
public final class SandboxPaths {
    private SandboxPaths() {}

    public static final String GROUP = "/workspace/group";
    /** Files that came with the group's messages, read-only: the host keeps them in {@code groups/<folder>/inbox}, bound read-only over itself. */
    public static final String INBOX = GROUP + "/inbox";
    public static final String GLOBAL = "/workspace/global";
    public static final String PROJECT = "/workspace/project";
    public static final String EXTRA = "/workspace/extra";
    public static final String IPC = "/workspace/ipc";
    public static final String HOME = "/home/agent";
    /** A sandboxed teammate's own memory folder (read-write, holds MEMORY.md); only in teammate sandboxes. */
    public static final String TEAM_MEMORY = "/workspace/memory";
    /** The scratch folder shared by a run's teammates (read-write): a teammate's working directory. */
    public static final String TEAM_SCRATCH = "/workspace/scratch";
    public static final String RUN = "/run/pincer";
    public static final String PROXY_SOCKET = RUN + "/proxy.sock";
    public static final String AGENT_JAR = "/opt/pincer/pincer-agent.jar";

    /** The agent relays this loopback port (inside its own network namespace) to the proxy socket. */
    public static final int PROXY_PORT = 3128;
    /** Path prefix of the proxy's LLM route: {@code http://127.0.0.1:3128/llm/v1/messages}. */
    public static final String LLM_PREFIX = "/llm";

    /** Environment variable naming the IPC root inside the sandbox (tests may point it elsewhere). */
    public static final String ENV_IPC_DIR = "PINCER_IPC_DIR";

    /**
     * Environment variable: seconds the agent waits for a follow-up after it answered before it
     * exits on its own; 0 (the default) exits right after the answer. The host normally closes a
     * warm sandbox first.
     */
    public static final String ENV_IDLE_TIMEOUT = "PINCER_IDLE_TIMEOUT";
}
