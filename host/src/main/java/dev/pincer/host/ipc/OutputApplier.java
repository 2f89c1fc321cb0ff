package dev.pincer.host.ipc;

import dev.pincer.host.events.EventBus;
import dev.pincer.host.outbox.Replies;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.RunLedger;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one group's {@code output/} files to the store: each file in one transaction keyed by
 * its name, then the file is removed. A file that is not valid is moved to {@code data/ipc-errors/}
 * and audited. The group's identity is the folder; nothing in a file can name another group.
 */
public final class OutputApplier {

    private static final Logger log = LoggerFactory.getLogger(OutputApplier.class);

    /**
     * What a sandbox is answering: the ids the host chose. Outputs count for {@code runId}; a
     * result may name any of {@code runIds} (the batches fed into the same sandbox).
     */
    public record RunTarget(String folder, String runId, String chatJid, Set<String> runIds) {
        public RunTarget {
            runIds = Set.copyOf(runIds);
        }

        public RunTarget(String folder, String runId, String chatJid) {
            this(folder, runId, chatJid, Set.of(runId));
        }
    }

    private final RunLedger ledger;
    private final AuditLog audit;
    private final EventBus events;
    private final Path errorsDir;
    private final Runnable outboxKick;

    public OutputApplier(RunLedger ledger, AuditLog audit, EventBus events, Path errorsDir, Runnable outboxKick) {
        this.ledger = ledger;
        this.audit = audit;
        this.events = events;
        this.errorsDir = errorsDir;
        this.outboxKick = outboxKick;
    }

    /**
     * Applies every finished file in {@code outputDir}, oldest first. Returns the run's result if
     * one of the files was it. Synchronized so the watcher and the final drain never race.
     */
    public AgentOutput.Result applyAll(Path outputDir, RunTarget target, Consumer<AgentOutput.Result> onResult) {
        return applyAll(outputDir, () -> target, onResult);
    }

    /**
     * Like {@link #applyAll(Path, RunTarget, Consumer)}, asking for the target before each file:
     * a result handled by {@code onResult} may change what the next file answers.
     */
    public synchronized AgentOutput.Result applyAll(Path outputDir, Supplier<RunTarget> target,
                                                    Consumer<AgentOutput.Result> onResult) {
        AgentOutput.Result last = null;
        try {
            for (Path file : IpcFiles.list(outputDir)) {
                AgentOutput.Result r = apply(file, target.get());
                if (r != null) {
                    last = r;
                    onResult.accept(r);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list {}: {}", outputDir, e.toString());
        }
        return last;
    }

    private AgentOutput.Result apply(Path file, RunTarget t) {
        String name = file.getFileName().toString();
        AgentOutput out;
        try {
            out = Json.MAPPER.readValue(IpcFiles.read(file), AgentOutput.class);
        } catch (IOException | RuntimeException e) {
            reject(file, t.folder(), e.getMessage());
            return null;
        }
        AgentOutput.Result result = null;
        switch (out) {
            case AgentOutput.Message m -> {
                String text = Replies.strip(m.text());
                String sender = m.sender() == null || m.sender().isBlank() ? null : m.sender().strip();
                if (sender != null && sender.length() > 100) {
                    sender = sender.substring(0, 100);
                }
                // The reply answers the batches the model had read; delivering it moves the group's
                // position past them in the same transaction, so a crash never answers them again.
                String runId = m.runId() != null && t.runIds().contains(m.runId()) ? m.runId() : t.runId();
                if (ledger.applyMessage(t.folder(), name, runId, t.chatJid(), text, sender).isPresent()) {
                    outboxKick.run();
                }
            }
            case AgentOutput.Typing typing -> events.publish("typing",
                    Map.of("chat", t.chatJid(), "folder", t.folder(), "typing", typing.typing()));
            case AgentOutput.Result r -> {
                // The run id inside the file is the agent's word: it may only name a batch this sandbox was given.
                String runId = r.runId() != null && t.runIds().contains(r.runId()) ? r.runId() : t.runId();
                AgentOutput.Result own = r.withRunId(runId);
                if (ledger.applyResult(t.folder(), name, own)) {
                    result = own;
                }
            }
        }
        delete(file);
        return result;
    }

    private void reject(Path file, String folder, String reason) {
        log.warn("invalid output file {} from group {}: {}", file.getFileName(), folder, reason);
        audit.record(folder, "ipc-output", "rejected", file.getFileName() + ": " + reason);
        try {
            Files.createDirectories(errorsDir);
            Files.move(file, errorsDir.resolve(folder + "-" + file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            delete(file);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
