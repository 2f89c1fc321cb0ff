package dev.pincer.agent.ipc;

import dev.pincer.agent.Log;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the host writes into {@code input/}: each finished file is read (refusing symlinks
 * and oversized files), deleted, and parsed. A bad file is logged and deleted. Waiting uses a
 * {@link FolderWatch} with a periodic rescan as a safety net, because events do not cross every
 * sandbox boundary.
 */
public final class InputWatcher implements AutoCloseable {
    private static final Log LOG = Log.named("input");

    private final Path dir;
    private final Duration rescan;
    private final FolderWatch watch;
    private final List<AgentInput> early = new ArrayList<>();

    public InputWatcher(Path dir, Duration rescan) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("the input folder " + dir + " does not exist (is the IPC folder mounted?)");
        }
        this.dir = dir;
        this.rescan = rescan;
        this.watch = new FolderWatch(dir);
    }

    /**
     * Blocks until a {@link AgentInput.Start} arrives and returns it, or returns empty when a
     * {@link AgentInput.Close} comes first. Messages found before the start (file names written
     * in one millisecond may sort out of order) are kept for the first {@link #drain()}.
     */
    public Optional<AgentInput.Start> awaitStart() throws IOException, InterruptedException {
        while (true) {
            for (AgentInput input : drain()) {
                switch (input) {
                    case AgentInput.Start start -> {
                        return Optional.of(start);
                    }
                    case AgentInput.Close close -> {
                        return Optional.empty();
                    }
                    case AgentInput.Message m -> early.add(m);
                }
            }
            watch.await(rescan);
        }
    }

    /**
     * Takes every input file present now, oldest first, without waiting. Reading stops after a
     * start or close, so a following run's files stay in place.
     */
    public List<AgentInput> drain() throws IOException {
        List<AgentInput> inputs = new ArrayList<>(early);
        early.clear();
        for (Path file : IpcFiles.list(dir)) {
            Optional<AgentInput> input = take(file);
            if (input.isEmpty()) {
                continue;
            }
            inputs.add(input.get());
            if (!(input.get() instanceof AgentInput.Message)) {
                break;
            }
        }
        return inputs;
    }

    private Optional<AgentInput> take(Path file) {
        try {
            byte[] bytes = IpcFiles.read(file);
            Files.deleteIfExists(file);
            return Optional.of(Json.MAPPER.readValue(bytes, AgentInput.class));
        } catch (IOException e) {
            LOG.warn("ignoring bad input file %s: %s", file.getFileName(), e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException d) {
                LOG.warn("cannot delete %s: %s", file.getFileName(), d.getMessage());
            }
            return Optional.empty();
        }
    }

    /** Waits up to {@code max} for input files and takes them; empty when none came. */
    public List<AgentInput> await(Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            List<AgentInput> inputs = drain();
            long left = deadline - System.nanoTime();
            if (!inputs.isEmpty() || left <= 0) {
                return inputs;
            }
            watch.await(Duration.ofNanos(Math.min(left, rescan.toNanos())));
        }
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
