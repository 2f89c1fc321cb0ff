package dev.pincer.agent;

import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in host for agent tests: serves {@code requests/} of an IPC folder, records each request
 * and answers it with {@code answer}.
 */
final class FakeHost implements AutoCloseable {
    final List<HostRequest> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;

    FakeHost(Path ipc, Function<HostRequest, HostResponse> answer) throws IOException {
        Path requests = Files.createDirectories(ipc.resolve(IpcFiles.REQUESTS));
        Path responses = Files.createDirectories(ipc.resolve(IpcFiles.RESPONSES));
        thread = Thread.ofVirtual().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (Path p : IpcFiles.list(requests)) {
                        HostRequest r = Json.MAPPER.readValue(IpcFiles.read(p), HostRequest.class);
                        seen.add(r);
                        Files.delete(p);
                        IpcFiles.write(responses, HostRequest.fileName(r.id()), answer.apply(r));
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The requests for {@code tool}, in order. */
    List<HostRequest> calls(String tool) {
        return seen.stream().filter(r -> r.tool().equals(tool)).toList();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
