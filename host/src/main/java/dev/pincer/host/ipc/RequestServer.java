package dev.pincer.host.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.store.AuditLog;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one live sandbox's {@code requests/} folder: each request file is taken out of the
 * sandbox's reach and read only if it is a regular file within the size limit ({@link IpcInbox}),
 * schema-checked, handed to the {@link RequestHandler} and answered with
 * exactly one file in {@code responses/}, named after the request; then the request is deleted.
 * A bad file is moved to {@code data/ipc-errors/}, audited, and answered with an error (its id is
 * its file name). Requests are handled one at a time, in name order, on the watcher's thread.
 * After {@code limit} requests in one batch the rest are answered with an error without being
 * read, so a flood costs the host little. A call the handler calls {@linkplain RequestHandler#detached
 * detached} (it may take minutes) is read the same way but carried out on a virtual thread of its
 * own; closing the server interrupts those still running (their sandbox is gone).
 */
public final class RequestServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestServer.class);
    public static final int DEFAULT_LIMIT = 200;
    private static final Duration RESCAN = Duration.ofSeconds(2);

    /** Opens the server of one sandbox; the runner starts it with the sandbox. */
    @FunctionalInterface
    public interface Factory {
        RequestServer open(GroupIpc ipc);
    }

    private final String folder;
    private final IpcInbox requests;
    private final IpcDir responses;
    private final Path errorsDir;
    private final RequestHandler handler;
    private final AuditLog audit;
    private final int limit;
    private int handled;
    private int refusedOverLimit;
    private DirectoryWatcher watcher;
    private final java.util.Set<Thread> detached = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Requests taken and being carried out detached: their files wait in the work folder until answered. */
    private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public RequestServer(GroupIpc ipc, RequestHandler handler, AuditLog audit, int limit) {
        this.folder = ipc.folder();
        this.requests = ipc.inbox(IpcFiles.REQUESTS);
        this.responses = ipc.dir(IpcFiles.RESPONSES);
        this.errorsDir = ipc.errors();
        this.handler = handler;
        this.audit = audit;
        this.limit = limit;
    }

    /** Removes what an earlier sandbox left in {@code requests/} and {@code responses/}: nobody waits for it. */
    public void clearStale() throws IOException {
        requests.clear(errorsDir, folder + "-stale-");
        responses.clear(errorsDir, folder + "-stale-");
    }

    /** Starts watching; requests already present are served at once. */
    public void start() throws IOException {
        watcher = new DirectoryWatcher(requests.path(), RESCAN, this::drain);
    }

    /** A new batch of messages was handed to the sandbox: it may make {@code limit} more requests. */
    public synchronized void newBatch() {
        handled = 0;
    }

    /** Serves every request present now. Called by the watcher, and once more after the sandbox exited. */
    public synchronized void drain() {
        try {
            for (String name : requests.names()) {
                if (!name.endsWith(".tmp") && !inFlight.contains(name)) {
                    serve(name);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the requests of group {}: {}", folder, e.getMessage());
        }
    }

    private void serve(String name) {
        String id = HostRequest.idOf(name);
        if (handled >= limit) {
            refuseOverLimit(name, id);
            return;
        }
        handled++;
        TakenFile file;
        try {
            file = requests.take(name);
        } catch (NoSuchFileException e) {
            return; // the agent withdrew it (it gave up waiting): nothing to answer
        } catch (IOException e) {
            refuseUntaken(name, id, e);
            return;
        }
        if (id == null) {
            reject(file, null, "not a request file name (want <epoch-nanos>-<hex>.json); no id to answer");
            return;
        }
        HostRequest request;
        try {
            request = Json.MAPPER.readValue(file.read(), HostRequest.class);
        } catch (IOException | RuntimeException e) {
            reject(file, id, "unreadable: " + firstLine(e.getMessage()));
            return;
        }
        if (request == null || !id.equals(request.id())) {
            reject(file, id, "the id inside the file does not match its name " + name);
            return;
        }
        HostTool tool = HostTool.byWireName(request.tool()).orElse(null);
        if (tool == null) {
            reject(file, id, "unknown tool '" + shown(request.tool()) + "'; host tools are "
                    + Arrays.stream(HostTool.values()).map(HostTool::wireName).collect(Collectors.joining(", ")));
            return;
        }
        JsonNode args = request.args() == null || request.args().isNull() ? Json.MAPPER.createObjectNode() : request.args();
        if (!args.isObject()) {
            reject(file, id, "args must be a JSON object");
            return;
        }
        HostRequest call = new HostRequest(id, tool.wireName(), args);
        if (handler.detached(tool) && !closed) {
            inFlight.add(file.name());
            Thread t = Thread.ofVirtual().name("host-call-" + folder + "-" + tool.wireName()).unstarted(() -> {
                try {
                    carryOut(tool, call, file);
                } finally {
                    inFlight.remove(file.name());
                    detached.remove(Thread.currentThread());
                }
            });
            detached.add(t);
            t.start();
            return;
        }
        carryOut(tool, call, file);
    }

    /** Hands the request to the handler, writes its one answer and deletes the taken file. */
    private void carryOut(HostTool tool, HostRequest call, TakenFile file) {
        HostResponse response;
        try {
            response = handler.handle(folder, tool, call);
        } catch (RuntimeException e) {
            log.error("host tool {} of group {} failed", tool.wireName(), folder, e);
            response = new HostResponse.Error(call.id(), "the host failed to carry out " + tool.wireName() + ": " + e.getMessage());
        }
        respond(call.id(), response);
        try {
            file.delete();
        } catch (IOException e) {
            log.warn("cannot delete the served request {} of group {}: {}", file.name(), folder, e.getMessage());
        }
    }

    private void refuseOverLimit(String name, String id) {
        if (++refusedOverLimit == 1) {
            audit.record(folder, "ipc-request", "refused", "more than " + limit + " requests in one batch; refusing the rest");
        }
        if (id != null) {
            respond(id, new HostResponse.Error(id, "too many host requests (the limit is " + limit
                    + " per message); this one was not carried out"));
        }
        deleteRequest(name);
    }

    private void reject(TakenFile file, String id, String reason) {
        String name = file.name();
        log.warn("bad request file {} from group {}: {}", name, folder, reason);
        audit.record(folder, "ipc-request", "rejected", name + ": " + reason);
        try {
            file.moveTo(errorsDir, folder + "-" + name);
        } catch (IOException e) {
            log.warn("cannot move {} of group {} to {}: {}", name, folder, errorsDir, e.getMessage());
        }
        if (id != null) {
            respond(id, new HostResponse.Error(id, "request rejected: " + reason));
        }
    }

    /** The name could not even be moved out of the sandbox's reach: it is removed unread, if possible. */
    private void refuseUntaken(String name, String id, IOException e) {
        log.warn("cannot take request {} of group {}: {}", name, folder, e.getMessage());
        audit.record(folder, "ipc-request", "rejected", name + ": cannot be taken: " + firstLine(e.getMessage()));
        deleteRequest(name);
        if (id != null) {
            respond(id, new HostResponse.Error(id, "request rejected: the file could not be taken"));
        }
    }

    private void respond(String id, HostResponse response) {
        try {
            byte[] bytes = Json.MAPPER.writerFor(HostResponse.class).writeValueAsBytes(response);
            if (bytes.length > IpcFiles.MAX_BYTES) {
                bytes = Json.MAPPER.writerFor(HostResponse.class).writeValueAsBytes(new HostResponse.Error(id,
                        "the answer would be " + bytes.length + " bytes, more than the limit of " + IpcFiles.MAX_BYTES));
            }
            responses.write(HostRequest.fileName(id), bytes);
        } catch (IOException e) {
            log.error("cannot answer request {} of group {}: {}", id, folder, e.getMessage());
            audit.record(folder, "ipc-response", "failed", id + ": " + e.getMessage());
        }
    }

    private void deleteRequest(String name) {
        try {
            requests.discard(name);
        } catch (IOException e) {
            log.warn("cannot delete request {} of group {}: {}", name, folder, e.getMessage());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        String line = s.lines().findFirst().orElse(s);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String shown(String s) {
        return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    /** Stops watching; audits how many requests were refused over the limit. */
    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        for (Thread t : detached) {
            t.interrupt(); // the sandbox that asked is gone: nobody waits for the answer
        }
        synchronized (this) {
            if (refusedOverLimit > 1) {
                audit.record(folder, "ipc-request", "refused", refusedOverLimit + " requests over the limit of " + limit
                        + " were refused in this sandbox");
            }
        }
    }
}
