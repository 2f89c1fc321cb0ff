package dev.pincer.host.run;

import dev.pincer.host.ipc.OutputApplier;
import dev.pincer.host.tasks.DueTask;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The message batches handed to one live sandbox (the start prompt, then each follow-up), each a
 * run in the ledger answering messages up to its {@code throughSeq}, and which of them are still
 * unanswered. Outputs count for the oldest unanswered batch (the agent is surely working on it);
 * a result names the last batch the agent took in, which answers that batch and every one before it.
 * Thread-safe: the output watcher and the runner's loop both use it.
 */
final class Batches {

    /** A batch; {@code task} is the scheduled task it runs, or null for chat messages. */
    record Batch(String runId, long throughSeq, DueTask task, long startedNanos) {
        Batch(String runId, long throughSeq) {
            this(runId, throughSeq, null, System.nanoTime());
        }
    }

    private final String folder;
    private final String chatJid;
    private final List<Batch> open = new ArrayList<>();
    private final List<Batch> all = new ArrayList<>();
    private boolean lastResultFailed;

    Batches(String folder, String chatJid, Batch first) {
        this.folder = folder;
        this.chatJid = chatJid;
        add(first);
    }

    synchronized void add(Batch b) {
        open.add(b);
        all.add(b);
    }

    /** Takes back a batch that could not be handed over. */
    synchronized void drop(Batch b) {
        open.remove(b);
        all.remove(b);
    }

    /** The run that started the sandbox. */
    synchronized String firstRunId() {
        return all.getFirst().runId();
    }

    /** The last message seq handed to the sandbox. */
    synchronized long fedThrough() {
        return all.getLast().throughSeq();
    }

    /** Whether the last result the sandbox wrote reported a failure (after which the agent ends). */
    synchronized boolean lastResultFailed() {
        return lastResultFailed;
    }

    synchronized void resulted(boolean ok) {
        lastResultFailed = !ok;
    }

    synchronized boolean allAnswered() {
        return open.isEmpty();
    }

    synchronized List<String> unanswered() {
        return open.stream().map(Batch::runId).toList();
    }

    /** Where the next output file counts. */
    synchronized OutputApplier.RunTarget target() {
        Batch b = open.isEmpty() ? all.getLast() : open.get(0);
        Set<String> ids = new LinkedHashSet<>();
        all.forEach(x -> ids.add(x.runId()));
        return new OutputApplier.RunTarget(folder, b.runId(), chatJid, ids);
    }

    /**
     * A result for {@code runId} arrived: it and the batches before it are answered. Returns the
     * earlier ones, which were answered together with it.
     */
    synchronized List<String> answered(String runId) {
        return answeredBatches(runId).stream().filter(b -> !b.runId().equals(runId)).map(Batch::runId).toList();
    }

    /** Like {@link #answered} but returns the batches themselves, the one for {@code runId} last. */
    synchronized List<Batch> answeredBatches(String runId) {
        int i = 0;
        while (i < open.size() && !open.get(i).runId().equals(runId)) {
            i++;
        }
        if (i == open.size()) {
            return List.of();
        }
        List<Batch> done = List.copyOf(open.subList(0, i + 1));
        open.subList(0, i + 1).clear();
        return done;
    }

    /** The batches never answered (the sandbox ended first). */
    synchronized List<Batch> unansweredBatches() {
        return List.copyOf(open);
    }
}
