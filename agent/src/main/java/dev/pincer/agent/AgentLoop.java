package dev.pincer.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pincer.agent.llm.ApiException;
import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ChatModel;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.agent.llm.DraftListener;
import dev.pincer.agent.llm.ModelTurn;
import dev.pincer.agent.media.PromptFiles;
import dev.pincer.agent.session.Compactor;
import dev.pincer.agent.session.Transcript;
import dev.pincer.agent.team.UsageMeter;
import dev.pincer.agent.tools.ToolRunner;
import dev.pincer.protocol.AgentInput;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The model/tool loop of a conversation, one run per prompt: ask the model, run the tools it calls
 * (concurrently), give it the results, repeat until it answers without tools or a limit is reached. Follow-up
 * messages from the host join the next user turn; a close request ends the run after the turn.
 */
final class AgentLoop {
    private static final Log LOG = Log.named("loop");

    /** How a run ended. */
    sealed interface Outcome {
        /** The model answered; {@code text} is its final text (may be empty). */
        record Finished(String text) implements Outcome {}


        /** The host asked to close between turns. */
        record Closed() implements Outcome {}

        /** The model still wanted tools after {@code turns} turns. */
        record TurnLimit(int turns) implements Outcome {}

        /** The run used {@code used} tokens, at least its budget of {@code limit}, and the model still wanted to go on. */
        record TokenLimit(long used, long limit) implements Outcome {}
    }

    /**
     * Where a run's interim answers go (the final one is returned in {@link Outcome.Finished}).
     * {@code answering} is the host's id of the last batch of messages the model had read.
     */
    interface ReplySink {
        void send(String text, String answering) throws IOException;
    }

    /** Where follow-up inputs come from; polled between turns. */
    interface FollowUpSource {
        List<AgentInput> drain() throws IOException;
    }

    /**
     * The conversation a run continues: its transcript, the follow-ups that join it, where interim
     * answers go, how a prompt's files join it, and who hears answers as they stream in (display only).
     */
    record Conversation(Transcript transcript, FollowUpSource followUps, ReplySink replies, PromptFiles files,
                        DraftListener drafts) {}

    /** Fixed settings of the model calls: the system prompt, the tool definitions, and the run's limits. */
    record Settings(String system, ArrayNode tools, int maxTurns, long maxRunTokens) {}

    private final ChatModel model;
    private final ToolRunner tools;
    private final Conversation conversation;
    private final Settings settings;
    private final Compactor compactor;
    private final UsageMeter subAgents;
    private volatile Usage usage = Usage.ZERO;
    private String answering;

    /**
     * @param compactor compacts the transcript near the context limit
     * @param subAgents the usage of the sub-agents its Task calls start, added to its own after each turn's tools
     */
    AgentLoop(ChatModel model, ToolRunner tools, Conversation conversation, Settings settings, Compactor compactor,
              UsageMeter subAgents) {
        this.model = model;
        this.tools = tools;
        this.conversation = conversation;
        this.settings = settings;
        this.compactor = compactor;
        this.subAgents = subAgents;
    }

    /** Tokens used by the current (or last) run so far (its finished sub-agents included), also after a failure. */
    Usage usage() {
        return usage;
    }

    /**
     * The host's id of the last batch of messages that is in the conversation: what a result answers.
     * Follow-ups drained but never given to the model (a close came with them) do not count.
     */
    String answering() {
        return answering;
    }

    /**
     * Runs one prompt, the messages of batch {@code runId}, to its outcome; the usage starts again
     * from zero.
     */
    Outcome run(String prompt, String runId) throws ApiException, IOException, InterruptedException {
        usage = Usage.ZERO;
        answering = runId;
        Transcript transcript = conversation.transcript();
        transcript.append(ChatMessage.user(conversation.files().expand(prompt)));
        StringBuilder paused = new StringBuilder(); // text of paused turns, said before the final text
        for (int turn = 1; turn <= settings.maxTurns(); turn++) {
            long used = tokens(usage);
            if (used >= settings.maxRunTokens()) {
                LOG.warn("token budget reached: %d of %d tokens used", used, settings.maxRunTokens());
                return new Outcome.TokenLimit(used, settings.maxRunTokens());
            }
            compactor.compactIfDue(transcript).ifPresent(c -> usage = usage.plus(c.usage()));
            ModelTurn answer = model.send(settings.system(), settings.tools(), transcript.messages(), conversation.drafts());
            usage = usage.plus(answer.usage());
            compactor.observe(answer.usage());
            if (answer.paused()) {
                // a long server-side tool turn (web search): send it back as it is and the model goes on
                if (!answer.content().isEmpty()) {
                    transcript.append(answer.message());
                }
                paused.append(answer.message().text());
                LOG.info("turn %d: stop_reason=pause_turn, continuing", turn);
                continue;
            }
            boolean wantsTools = answer.wantsTools();
            ChatMessage assistant = wantsTools ? answer.message() : withoutToolCalls(answer.message());
            transcript.append(assistant);
            LOG.info("turn %d: stop_reason=%s, %d tool call(s)", turn, answer.stopReason(),
                    wantsTools ? assistant.toolUses().size() : 0);

            List<ContentBlock> next = new ArrayList<>();
            if (wantsTools) {
                next.addAll(tools.runAll(assistant.toolUses()));
                usage = usage.plus(subAgents.drain());
            }
            boolean closed = false;
            String fedRunId = answering;
            for (AgentInput input : conversation.followUps().drain()) {
                switch (input) {
                    case AgentInput.Message m when m.text() != null && !m.text().isBlank() -> {
                        next.addAll(conversation.files().expand(m.text()));
                        fedRunId = m.runId() == null ? fedRunId : m.runId();
                    }
                    case AgentInput.Message m -> { }
                    case AgentInput.Close c -> closed = true;
                    case AgentInput.Start s -> LOG.warn("ignoring a second start input during a run");
                }
            }
            if (wantsTools) {
                transcript.append(ChatMessage.user(next));
                answering = fedRunId;
                if (closed) {
                    return new Outcome.Closed();
                }
                continue;
            }
            String text = (paused + "\n\n" + assistant.text()).strip();
            paused.setLength(0);
            if (closed || next.isEmpty()) {
                return new Outcome.Finished(text);
            }
            if (!text.isEmpty()) {
                conversation.replies().send(text, answering);
            }
            transcript.append(ChatMessage.user(next));
            answering = fedRunId;
        }
        return new Outcome.TurnLimit(settings.maxTurns());
    }

    /** What counts against the run's budget: every input token, cached or not, and every output token. */
    static long tokens(Usage u) {
        return u.inputTokens() + u.cacheReadTokens() + u.cacheWriteTokens() + u.outputTokens();
    }

    /** A final turn keeps only its text: a cut-off tool call (max_tokens) must not stay unanswered. */
    private static ChatMessage withoutToolCalls(ChatMessage m) {
        return ChatMessage.assistant(m.content().stream().filter(b -> !(b instanceof ContentBlock.ToolUse)).toList());
    }
}
