package dev.pincer.agent.hostcalls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.agent.Log;
import dev.pincer.agent.ipc.FolderWatch;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Calls the host: writes {@code requests/<id>.json} and waits for {@code responses/<id>.json}
 * (a {@link FolderWatch} with a short rescan, because events may not cross every sandbox
 * boundary). Thread-safe: parallel tool calls each wait for their own response.
 */
public final class HostClient {
    private static final Log LOG = Log.named("host");
    private static final Duration RESCAN = Duration.ofMillis(500);

    private final Path requests;
    private final Path responses;
    private final Duration timeout;

    /** @param ipcDir the IPC root holding {@code requests/} and {@code responses/} */
    public HostClient(Path ipcDir, Duration timeout) {
        this.requests = ipcDir.resolve(IpcFiles.REQUESTS);
        this.responses = ipcDir.resolve(IpcFiles.RESPONSES);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The same host, waiting up to {@code other} for each answer (a teammate's report takes long). */
    public HostClient withTimeout(Duration other) {
        return new HostClient(requests.getParent(), other);
    }

    /** Whether a host serves requests here (the folders exist). */
    public boolean available() {
        return Files.isDirectory(requests) && Files.isDirectory(responses);
    }

    /** Sends one request and returns the host's answer, or an error when none came in time. */
    public HostResponse call(String tool, JsonNode args) throws IOException, InterruptedException {
        String id = HostRequest.newId();
        String name = HostRequest.fileName(id);
        Path answer = responses.resolve(name);
        try (FolderWatch watch = new FolderWatch(responses)) {
            IpcFiles.write(requests, name, new HostRequest(id, tool, args));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (Files.exists(answer, LinkOption.NOFOLLOW_LINKS)) {
                    return read(id, answer);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    Files.deleteIfExists(requests.resolve(name));
                    LOG.warn("%s %s: no answer from the host within %d s", tool, id, timeout.toSeconds());
                    return new HostResponse.Error(id, "the host did not answer within " + timeout.toSeconds() + " s");
                }
                watch.await(Duration.ofNanos(Math.min(left, RESCAN.toNanos())));
            }
        }
    }

    private static HostResponse read(String id, Path answer) throws IOException {
        try {
            HostResponse r = Json.MAPPER.readValue(IpcFiles.read(answer), HostResponse.class);
            if (r == null || !id.equals(r.id())) {
                throw new IOException("the answer in " + answer.getFileName() + " is for another request");
            }
            return r;
        } finally {
            try {
                Files.deleteIfExists(answer);
            } catch (NoSuchFileException e) {
                // already gone
            }
        }
    }
}
