package dev.pincer.agent.session;

import dev.pincer.agent.Log;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ChatModel;
import dev.pincer.agent.llm.ModelTurn;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a conversation inside the model's context window. The loop reports the usage of every
 * model answer ({@link #observe}); once the last answer's prompt (input plus cached input) reaches
 * {@code threshold} of the window, {@link #compactIfDue} archives the whole conversation as markdown
 * under the group's {@code conversations/} folder, asks the model (no tools) to summarise the older
 * turns, and rewrites the transcript as one user message carrying that summary followed by the
 * last turns verbatim. The cut is made before an assistant turn, so roles still alternate and every
 * {@code tool_use} kept is still followed by its {@code tool_result}.
 */
public final class Compactor {
    /** The opening tag of a summary message; such a message starts every compacted transcript. */
    public static final String SUMMARY_TAG = "<conversation_summary>";
    private static final Log LOG = Log.named("compact");
    private static final String INSTRUCTIONS = """
            Summarise the conversation above so that you can continue it without the original. Keep: \
            who the people are and what they asked for, decisions made, facts and preferences learned, \
            files created or changed (with their paths), commands that mattered and their outcome, \
            open questions and unfinished work with the next step. Be concise but specific; write plain \
            markdown, no preamble.""";

    /**
     * @param contextTokens the model's context window
     * @param threshold     the share of the window at which to compact, in (0, 1]
     * @param keepMessages  how many of the last messages to keep verbatim (at least 2)
     */
    public record Settings(long contextTokens, double threshold, int keepMessages) {
        public Settings {
            if (contextTokens < 1 || !(threshold > 0 && threshold <= 1) || keepMessages < 2) {
                throw new IllegalArgumentException("bad compaction settings: " + contextTokens + ", " + threshold + ", " + keepMessages);
            }
        }

        long limit() {
            return (long) (contextTokens * threshold);
        }
    }

    /** The result of one compaction: the archive written and the tokens the summary call used. */
    public record Compaction(Path archive, int summarised, int kept, Usage usage) {}

    private final ChatModel model;
    private final Settings settings;
    private final ConversationArchive archive;
    private long lastPromptTokens;

    /**
     * @param model   the model that writes the summaries (the run's own)
     * @param archive where the whole conversation is kept before it is summarised
     */
    public Compactor(ChatModel model, Settings settings, ConversationArchive archive) {
        this.model = model;
        this.settings = settings;
        this.archive = archive;
    }

    /** Whether {@code text} is a summary message written by a compaction. */
    public static boolean isSummary(String text) {
        return text.stripLeading().startsWith(SUMMARY_TAG);
    }

    /** Records the usage of the model's last answer: its prompt size is what the next request starts from. */
    public void observe(Usage lastAnswer) {
        lastPromptTokens = lastAnswer.inputTokens() + lastAnswer.cacheReadTokens() + lastAnswer.cacheWriteTokens();
    }

    public boolean due() {
        return lastPromptTokens >= settings.limit();
    }

    /**
     * Compacts {@code transcript} when {@link #due}; empty when it was not due or there is too little
     * to summarise. Call only when the transcript ends with a user turn (before a model request).
     */
    public Optional<Compaction> compactIfDue(Transcript transcript) throws ApiException, IOException, InterruptedException {
        List<ChatMessage> all = transcript.messages();
        if (!due() || all.isEmpty() || !all.getLast().isUser()) {
            return Optional.empty();
        }
        int cut = cutIndex(all, settings.keepMessages());
        if (cut < 2) {
            LOG.warn("the conversation uses %d tokens (limit %d) but has too few turns to compact", lastPromptTokens, settings.limit());
            return Optional.empty();
        }
        LOG.info("compacting: last prompt %d tokens, limit %d; summarising %d of %d messages",
                lastPromptTokens, settings.limit(), cut, all.size());
        Path archived = archive.write(transcript.sessionId(), all);
        List<ChatMessage> older = all.subList(0, cut);
        ModelTurn answer = model.send("You write summaries of conversations between a user and an AI assistant that uses tools.",
                null, List.of(ChatMessage.userText(archive.markdown().render("Conversation to summarise", older) + "\n\n---\n\n" + INSTRUCTIONS)));
        String summary = answer.message().text();
        if (summary.isBlank()) {
            throw new IOException("the model returned an empty summary (stop_reason " + answer.stopReason() + "); not compacting");
        }
        List<ChatMessage> compacted = new ArrayList<>();
        compacted.add(ChatMessage.userText(SUMMARY_TAG + "\n" + summary + "\n</conversation_summary>\n"
                + "The earlier part of this conversation was replaced by the summary above. The full text is archived at "
                + archived + "; read it if you need details."));
        compacted.addAll(all.subList(cut, all.size()));
        transcript.replace(compacted);
        lastPromptTokens = 0;
        LOG.info("compacted to %d messages; archive %s", compacted.size(), archived);
        return Optional.of(new Compaction(archived, cut, all.size() - cut, answer.usage()));
    }

    /**
     * Where the kept tail starts: the last assistant turn at or before {@code size - keep}, so the
     * summary (a user turn) is followed by an assistant turn. 0 when there is none after the first message.
     */
    static int cutIndex(List<ChatMessage> messages, int keep) {
        for (int i = Math.min(messages.size() - keep, messages.size() - 2); i >= 1; i--) {
            if (!messages.get(i).isUser()) {
                return i;
            }
        }
        return 0;
    }
}
