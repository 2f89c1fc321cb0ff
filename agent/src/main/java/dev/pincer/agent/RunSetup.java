package dev.pincer.agent;

import dev.pincer.agent.hostcalls.HostCallTools;
import dev.pincer.agent.hostcalls.HostClient;
import dev.pincer.agent.llm.ChatModel;
import dev.pincer.agent.media.PromptFiles;
import dev.pincer.agent.team.Team;
import dev.pincer.agent.team.TeamPrompt;
import dev.pincer.agent.team.UsageMeter;
import dev.pincer.agent.tools.Tool;
import dev.pincer.agent.tools.ToolRegistry;
import dev.pincer.protocol.AgentDefinition;
import dev.pincer.protocol.AgentInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run is made of besides its model: its tools, its system prompt and the team of its
 * sub-agents. An ordinary run works in the group folder with every tool plus {@code Task}; a
 * sandboxed teammate ({@link AgentInput.Setup#teammate()}) works in its scratch folder with its
 * definition's prompt, memory and tools (see docs/DESIGN.md, "Sub-agents").
 */
final class RunSetup {
    private RunSetup() {}

    /**
     * What the run's tools are made with.
     *
     * @param model    the run's model (sub-agents use its client)
     * @param files    the files of the prompt
     * @param host     the host, when one serves requests (else null)
     * @param mcpTools the group's MCP tools
     * @param toolEnv  the environment of processes the tools start
     */
    record Services(ChatModel model, PromptFiles files, HostClient host, List<Tool> mcpTools, Map<String, String> toolEnv) {}

    /**
     * @param registry   the tools the model is offered
     * @param system     the system prompt (without the provider's note)
     * @param team       the run's sub-agents
     * @param meter      collects the sub-agents' usage for the run
     * @param archiveDir where compaction archives go
     * @param teammate   whether the run is a sandboxed teammate (one answer, then it ends)
     */
    record Parts(ToolRegistry registry, String system, Team team, UsageMeter meter, Path archiveDir, boolean teammate) {}

    static Parts build(AgentInput.Start start, AgentConfig config, Services s, String sessionId) throws IOException {
        AgentConfig.Folders folders = config.folders();
        AgentDefinition teammate = start.setup().teammate();
        Path workDir = teammate == null ? folders.group() : config.team().scratchDir();
        Team.ToolKit kit = (dir, stateDir) -> ToolRegistry.standard(dir, stateDir, s.toolEnv())
                .plus(s.host() == null ? List.of() : HostCallTools.all(s.host()))
                .plus(s.mcpTools());
        Team team = new Team(config.team().limits(), new Team.Places(workDir, folders.sessions().resolve(sessionId + ".agents")),
                new Team.Engines(new SubAgents(s.model(), config.limits(), s.files()), kit, s.host()),
                start.setup().assistantName());
        UsageMeter meter = new UsageMeter();
        if (teammate == null) {
            ToolRegistry registry = kit.tools(folders.group(), folders.home()).plus(List.of(team.taskTool(0, meter)));
            return new Parts(registry, SystemPrompt.build(start, folders), team, meter,
                    folders.group().resolve("conversations"), false);
        }
        ToolRegistry registry = team.toolsFor(teammate, 1, meter, kit.tools(workDir, folders.home()), null);
        String system = TeamPrompt.build(teammate, teammate.name(), start.setup().assistantName(),
                new TeamPrompt.Place(workDir, config.team().memoryDir().resolve(TeamPrompt.MEMORY_FILE), true));
        return new Parts(registry, system, team, meter, folders.home().resolve("conversations"), true);
    }
}
