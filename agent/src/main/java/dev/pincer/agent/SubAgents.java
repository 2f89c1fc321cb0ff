package dev.pincer.agent;

import dev.pincer.agent.llm.ChatModel;
import dev.pincer.agent.llm.DraftListener;
import dev.pincer.agent.media.PromptFiles;
import dev.pincer.agent.session.Compactor;
import dev.pincer.agent.session.ConversationArchive;
import dev.pincer.agent.session.ConversationMarkdown;
import dev.pincer.agent.session.Transcript;
import dev.pincer.agent.team.SubAgentLoop;
import dev.pincer.agent.tools.ToolRunner;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Shared sub-agents on the agent's own {@link AgentLoop}: a fresh transcript in the sub-agents'
 * folder, the run's model client (its model, or the definition's), no follow-ups, nothing streamed
 * to the chat (its answer is its report to the parent).
 *
 * @param model the run's model; a definition's {@code model} replaces only the name
 */
record SubAgents(ChatModel model, AgentConfig.Limits limits, PromptFiles files) implements SubAgentLoop {
    private static final int COMPACT_KEEP_MESSAGES = 6;

    @Override
    public Run prepare(Request r) throws IOException {
        Transcript transcript = Transcript.open(r.folder(), null, Json.MAPPER, files);
        ChatModel m = r.model() == null ? model : new ChatModel(model.client(), r.model(), model.maxTokens());
        var compactor = new Compactor(m, new Compactor.Settings(limits.contextTokens(), limits.compactAt(), COMPACT_KEEP_MESSAGES),
                new ConversationArchive(r.folder().resolve("conversations"), Clock.systemDefaultZone(),
                        new ConversationMarkdown(Json.MAPPER)));
        var conversation = new AgentLoop.Conversation(transcript, List::of, (text, answering) -> { }, files, DraftListener.NONE);
        var settings = new AgentLoop.Settings(r.system(), r.tools().definitions(Json.MAPPER), r.budget().turns(), r.budget().tokens());
        AgentLoop loop = new AgentLoop(m, new ToolRunner(r.tools()), conversation, settings, compactor, r.meter());
        return new LoopRun(loop, transcript.file());
    }

    /** A prepared sub-agent: its loop, and the transcript file that loop writes. */
    private record LoopRun(AgentLoop loop, Path transcript) implements Run {
        @Override
        public Outcome run(String prompt) throws Exception {
            return switch (loop.run(prompt, null)) {
                case AgentLoop.Outcome.Finished f -> new Outcome.Finished(f.text());
                case AgentLoop.Outcome.TurnLimit t -> new Outcome.TurnLimit(t.turns());
                case AgentLoop.Outcome.TokenLimit t -> new Outcome.TokenLimit(t.used(), t.limit());
                case AgentLoop.Outcome.Closed c -> new Outcome.Finished("");
            };
        }

        @Override
        public Usage usage() {
            return loop.usage();
        }
    }
}
