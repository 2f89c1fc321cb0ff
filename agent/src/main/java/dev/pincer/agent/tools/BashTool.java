package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code Bash {command, timeout?, description?}}: runs {@code /bin/bash -c command} in the group's
 * workspace with stdin closed and stdout+stderr merged. Output is capped; a non-zero exit code is
 * reported as an error; on timeout the command and all its child processes are killed.
 */
public final class BashTool implements Tool {
    public static final int OUTPUT_LIMIT = 30_000;
    private static final JsonNode SCHEMA = ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "command": {"type": "string", "description": "The command to execute"},
               "timeout": {"type": "number", "description": "Optional timeout in milliseconds (max 600000)"},
               "description": {"type": "string", "description": "Clear, concise description of what this command does in 5-10 words"}
             },
             "required": ["command"], "additionalProperties": false}""");

    private final Path workDir;
    private final Map<String, String> env;
    private final Duration defaultTimeout;
    private final Duration maxTimeout;

    /**
     * @param env the complete environment of the commands (nothing else is inherited)
     */
    public BashTool(Path workDir, Map<String, String> env, Duration defaultTimeout, Duration maxTimeout) {
        this.workDir = workDir;
        this.env = Map.copyOf(env);
        this.defaultTimeout = defaultTimeout;
        this.maxTimeout = maxTimeout;
    }

    /** Claude Code's limits: two minutes by default, ten at most. */
    public BashTool(Path workDir, Map<String, String> env) {
        this(workDir, env, Duration.ofMinutes(2), Duration.ofMinutes(10));
    }

    @Override
    public String name() {
        return "Bash";
    }

    @Override
    public String description() {
        return "Executes a bash command in the workspace (" + workDir + ") and returns its combined stdout and "
                + "stderr. Default timeout " + defaultTimeout.toMillis() + " ms, max " + maxTimeout.toMillis()
                + " ms. Output over " + OUTPUT_LIMIT + " characters is truncated in the middle. Stdin is closed, "
                + "so interactive commands fail. Prefer Read and Write for files.";
    }

    @Override
    public JsonNode inputSchema() {
        return SCHEMA;
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        String command = ToolInputs.requiredString(input, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("`command` is empty");
        }
        long timeout = ToolInputs.optionalLong(input, "timeout", defaultTimeout.toMillis());
        timeout = timeout <= 0 ? defaultTimeout.toMillis() : Math.min(timeout, maxTimeout.toMillis());

        ProcessBuilder pb = new ProcessBuilder(List.of("/bin/bash", "-c", command))
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process = pb.start();
        process.getOutputStream().close();
        CappedOutput output = new CappedOutput(OUTPUT_LIMIT);
        Thread reader = Thread.ofVirtual().name("bash-output").start(() -> output.readFrom(process.getInputStream()));
        try {
            if (!process.waitFor(timeout, TimeUnit.MILLISECONDS)) {
                killTree(process);
                reader.join(Duration.ofSeconds(2));
                return ToolResult.error(withOutput(output, "Command timed out after " + timeout
                        + " ms and was killed, together with its child processes."));
            }
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        boolean complete = reader.join(Duration.ofSeconds(2));
        StringBuilder note = new StringBuilder();
        if (!complete) {
            note.append("(a background process still holds the output open; output may be incomplete)");
        }
        int code = process.exitValue();
        if (code != 0) {
            note.append(note.isEmpty() ? "" : "\n").append("Exit code: ").append(code);
        }
        return new ToolResult(withOutput(output, note.toString()), code != 0);
    }

    private static String withOutput(CappedOutput output, String note) {
        String text = output.toString().stripTrailing();
        if (text.isEmpty()) {
            return note.isEmpty() ? "(no output)" : note;
        }
        return note.isEmpty() ? text : text + "\n\n" + note;
    }

    /**
     * Kills the command's descendants (snapshot, repeated while new ones appear) and then the
     * shell itself, so that a timed-out pipeline does not live on.
     */
    static void killTree(Process process) {
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> children = process.descendants().toList();
            if (children.isEmpty()) {
                break;
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
