package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code Bash {command, timeout?, description?}}: runs {@code /bin/bash -c command} with stdin
 * closed and stdout+stderr merged. The working directory starts at the group's workspace and
 * persists between calls of a run: an EXIT trap records the shell's final directory in a temp
 * file and the next call starts there. Calls of one turn start together from the same directory;
 * a call that ends elsewhere than it started moves the shell (the last such call wins), a call
 * that times out does not. Output is capped; a non-zero exit code is reported as an error; on
 * timeout the command and all its child processes are killed.
 */
public final class BashTool implements Tool {
    public static final int OUTPUT_LIMIT = 30_000;
    /** Temp file names the EXIT trap can use unquoted. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9/._-]+");
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
    private volatile Path cwd;

    /**
     * @param env the complete environment of the commands (nothing else is inherited)
     */
    public BashTool(Path workDir, Map<String, String> env, Duration defaultTimeout, Duration maxTimeout) {
        this.workDir = workDir;
        this.env = Map.copyOf(env);
        this.defaultTimeout = defaultTimeout;
        this.maxTimeout = maxTimeout;
        this.cwd = workDir;
    }

    /** Claude Code's limits: two minutes by default, ten at most. */
    public BashTool(Path workDir, Map<String, String> env) {
        this(workDir, env, Duration.ofMinutes(2), Duration.ofMinutes(10));
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec("Bash",
                "Executes a bash command and returns its combined stdout and stderr. The working directory starts at "
                + "the workspace (" + workDir + ") and persists between calls, so `cd` carries over. "
                + "Default timeout " + defaultTimeout.toMillis() + " ms, max " + maxTimeout.toMillis()
                + " ms. Output over " + OUTPUT_LIMIT + " characters is truncated in the middle. Stdin is closed, "
                + "so interactive commands fail. Prefer Read and Write for files.",
                SCHEMA);
    }

    /** The runner's limit: beyond the longest command timeout, as this tool enforces its own. */
    @Override
    public Duration timeout() {
        return maxTimeout.plusSeconds(30);
    }

    /** Where the next command starts. */
    public Path workingDirectory() {
        return cwd;
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        String command = ToolInputs.requiredString(input, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("`command` is empty");
        }
        long timeout = ToolInputs.optionalLong(input, "timeout", defaultTimeout.toMillis());
        timeout = timeout <= 0 ? defaultTimeout.toMillis() : Math.min(timeout, maxTimeout.toMillis());

        Path dir = cwd;
        String reset = "";
        if (!Files.isDirectory(dir)) {
            reset = "(The working directory " + dir + " no longer exists; the shell was reset to " + workDir + ".)";
            dir = cwd = workDir;
        }
        Path cwdFile = Files.createTempFile("pincer-cwd-", ".txt");
        try {
            Ran ran = run(command, timeout, dir, cwdFile);
            if (!ran.timedOut()) {
                updateCwd(cwdFile, dir);
            }
            ToolResult r = ran.result();
            return reset.isEmpty() ? r : new ToolResult(reset + "\n" + r.content(), r.isError());
        } finally {
            Files.deleteIfExists(cwdFile);
        }
    }

    /** A finished command; after a timeout its shell may still have run the EXIT trap, so the cwd is not taken. */
    private record Ran(ToolResult result, boolean timedOut) {}

    private Ran run(String command, long timeout, Path dir, Path cwdFile) throws IOException, InterruptedException {
        String script = SAFE_PATH.matcher(cwdFile.toString()).matches()
                ? "trap 'pwd -P >| " + cwdFile + " 2>/dev/null' EXIT\n" + command
                : command;
        ProcessBuilder pb = new ProcessBuilder(List.of("/bin/bash", "-c", script))
                .directory(dir.toFile())
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
                return new Ran(ToolResult.error(withOutput(output, "Command timed out after " + timeout
                        + " ms and was killed, together with its child processes.")), true);
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
        return new Ran(new ToolResult(withOutput(output, note.toString()), code != 0), false);
    }

    /**
     * Takes the directory the shell ended in, when it recorded one that still exists and differs
     * from where it started (so a concurrent call that did not {@code cd} leaves the others' change).
     */
    private void updateCwd(Path cwdFile, Path started) {
        try {
            String recorded = Files.readString(cwdFile).strip();
            if (!recorded.isEmpty() && recorded.startsWith("/") && Files.isDirectory(Path.of(recorded))
                    && !Path.of(recorded).equals(started.toRealPath())) {
                cwd = Path.of(recorded);
            }
        } catch (IOException | InvalidPathException e) {
            // the shell was killed before its EXIT trap ran: keep the directory it started in
        }
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
