package dev.pincer.agent.ipc;

import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes {@link AgentOutput} events into {@code output/}, one file each, written as {@code .tmp}
 * then renamed (the {@link IpcFiles} conventions). The host applies files in name order, so names
 * here are strictly increasing: {@link IpcFiles#newName()} can go backwards within a millisecond,
 * which would let a result overtake the message before it.
 */
public final class OutputWriter {
    private final Path dir;
    private long lastNanos;

    public OutputWriter(Path dir) {
        this.dir = dir;
    }

    /** Writes one event; returns the file. */
    public synchronized Path write(AgentOutput output) throws IOException {
        byte[] bytes = Json.MAPPER.writerFor(AgentOutput.class).writeValueAsBytes(output);
        if (bytes.length > IpcFiles.MAX_BYTES) {
            throw new IOException("output would be " + bytes.length + " bytes, the limit is " + IpcFiles.MAX_BYTES);
        }
        String name = nextName();
        Path tmp = dir.resolve(name + ".tmp");
        Path target = dir.resolve(name);
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
        return target;
    }

    private String nextName() {
        Instant now = Instant.now();
        long nanos = Math.max(lastNanos + 1, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        lastNanos = nanos;
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        String name = String.format("%020d-%s.json", nanos, HexFormat.of().formatHex(random));
        if (!IpcFiles.isIpcName(name)) {
            throw new IllegalStateException("generated an invalid IPC file name: " + name);
        }
        return name;
    }
}
