package dev.pincer.host.ipc;

import dev.pincer.host.config.Layout;
import dev.pincer.host.identity.SenderCheck;
import dev.pincer.host.outbox.Replies;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.RunLedger;
import dev.pincer.protocol.AgentOutput;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one group's {@code output/} files to the store: each file is taken out of the sandbox's
 * reach and read only if it is a regular file within the size limit ({@link IpcInbox}), applied in
 * one transaction keyed by its name, then removed. A file that is not valid is moved to
 * {@code data/ipc-errors/} and audited. The group's identity is the folder; nothing in a file can
 * name another group, and a message's {@code sender} must pass the {@link SenderCheck} (otherwise
 * the message goes out under the assistant's own name and the refusal is audited).
 */
public final class OutputApplier {

    private static final Logger log = LoggerFactory.getLogger(OutputApplier.class);
    private static final String AUDIT_KIND = "ipc-output";

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
    private final LiveOutputs live;
    private final Layout layout;
    private final SenderCheck senders;
    private final Runnable outboxKick;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** @param live publishes typing, drafts and tool calls for the live views */
    public OutputApplier(RunLedger ledger, AuditLog audit, LiveOutputs live, Layout layout, SenderCheck senders,
                         Runnable outboxKick) {
        this.ledger = ledger;
        this.audit = audit;
        this.live = live;
        this.layout = layout;
        this.senders = senders;
        this.outboxKick = outboxKick;
    }

    /**
     * Applies every finished file in the group's {@code output/}, oldest first. Returns the run's
     * result if one of the files was it.
     */
    public AgentOutput.Result applyAll(RunTarget target, Consumer<AgentOutput.Result> onResult) {
        return applyAll(target.folder(), () -> target, onResult);
    }

    /**
     * Like {@link #applyAll(RunTarget, Consumer)}, asking for the target before each file: a result
     * handled by {@code onResult} may change what the next file answers. One group at a time (the
     * watcher and the final drain never race); groups do not wait for each other.
     */
    public AgentOutput.Result applyAll(String folder, Supplier<RunTarget> target, Consumer<AgentOutput.Result> onResult) {
        ReentrantLock lock = locks.computeIfAbsent(folder, f -> new ReentrantLock());
        lock.lock();
        try {
            GroupIpc ipc = GroupIpc.of(layout, folder);
            IpcInbox output = ipc.inbox(IpcFiles.OUTPUT);
            AgentOutput.Result last = null;
            for (String name : output.names()) {
                if (!IpcFiles.isIpcName(name)) {
                    continue; // .tmp files being written, and anything else: not an output
                }
                AgentOutput.Result r = apply(ipc, output, name, target.get());
                if (r != null) {
                    last = r;
                    onResult.accept(r);
                }
            }
            return last;
        } catch (IOException e) {
            log.warn("cannot list the output of group {}: {}", folder, e.toString());
            return null;
        } finally {
            lock.unlock();
        }
    }

    private AgentOutput.Result apply(GroupIpc ipc, IpcInbox output, String name, RunTarget t) {
        TakenFile file;
        AgentOutput out;
        try {
            file = output.take(name);
        } catch (NoSuchFileException e) {
            return null; // gone since it was listed: nothing to apply
        } catch (IOException e) {
            log.warn("cannot take output file {} of group {}: {}", name, t.folder(), e.toString());
            audit.record(t.folder(), AUDIT_KIND, "rejected", name + ": cannot be taken: " + e.getMessage());
            discard(output, name);
            return null;
        }
        try {
            out = Json.MAPPER.readValue(file.read(), AgentOutput.class);
        } catch (IOException | RuntimeException e) {
            reject(ipc, file, e.getMessage());
            return null;
        }
        AgentOutput.Result result = null;
        switch (out) {
            case AgentOutput.Message m -> {
                // The reply answers the batches the model had read; delivering it moves the group's
                // position past them in the same transaction, so a crash never answers them again.
                String runId = m.runId() != null && t.runIds().contains(m.runId()) ? m.runId() : t.runId();
                if (ledger.applyMessage(t.folder(), name, runId, t.chatJid(), Replies.strip(m.text()),
                        role(t, name, m.sender())).isPresent()) {
                    outboxKick.run();
                }
            }
            case AgentOutput.Typing typing -> live.typing(t, typing);
            case AgentOutput.Draft draft -> live.draft(t, draft);
            case AgentOutput.Tool tool -> live.tool(t, tool);
            case AgentOutput.Result r -> {
                // The run id inside the file is the agent's word: it may only name a batch this sandbox was given.
                String runId = r.runId() != null && t.runIds().contains(r.runId()) ? r.runId() : t.runId();
                AgentOutput.Result own = r.withRunId(runId);
                if (ledger.applyResult(t.folder(), name, own)) {
                    result = own;
                }
            }
        }
        try {
            file.delete();
        } catch (IOException e) {
            log.warn("cannot delete the applied output {} of group {}: {}", name, t.folder(), e.toString());
        }
        return result;
    }

    /** The sub-agent a message speaks as, or null for the assistant (also when the sender was refused). */
    private String role(RunTarget t, String file, String sender) {
        return switch (senders.check(t.folder(), t.chatJid(), sender)) {
            case SenderCheck.Verdict.Assistant a -> null;
            case SenderCheck.Verdict.Role r -> r.role();
            case SenderCheck.Verdict.Refused r -> {
                log.warn("group {} wrote a message as a sender it may not use: {}", t.folder(), r.detail());
                audit.record(t.folder(), AUDIT_KIND, "refused", file + ": " + r.detail() + "; sent as the assistant");
                yield null;
            }
        };
    }

    private void reject(GroupIpc ipc, TakenFile file, String reason) {
        log.warn("invalid output file {} from group {}: {}", file.name(), ipc.folder(), reason);
        audit.record(ipc.folder(), AUDIT_KIND, "rejected", file.name() + ": " + reason);
        try {
            file.moveTo(ipc.errors(), ipc.folder() + "-" + file.name());
        } catch (IOException e) {
            log.warn("cannot move {} of group {} aside: {}", file.name(), ipc.folder(), e.toString());
        }
    }

    private static void discard(IpcInbox output, String name) {
        try {
            output.discard(name);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", name, e.toString());
        }
    }
}
