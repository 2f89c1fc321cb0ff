package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pincer.agent.skills.SkillCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools offered to the model, by name, in a fixed order (stable order keeps the prompt cache warm). */
public final class ToolRegistry {
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    public ToolRegistry(List<Tool> list) {
        for (Tool t : list) {
            if (tools.putIfAbsent(t.spec().name(), t) != null) {
                throw new IllegalArgumentException("two tools are named " + t.spec().name());
            }
        }
    }

    /**
     * The built-in tools of a run.
     *
     * @param workDir  the group's workspace: Bash's first cwd, Glob's and Grep's default path
     * @param homeDir  the agent's home, where TodoWrite keeps {@code todos.json}
     * @param toolEnv  the environment of processes the tools start
     */
    public static ToolRegistry standard(Path workDir, Path homeDir, Map<String, String> toolEnv) {
        FileChanges changes = FileChanges.inSandbox();
        return new ToolRegistry(List.of(new BashTool(workDir, toolEnv), new ReadTool(), new WriteTool(changes),
                new EditTool(changes), new GlobTool(workDir), new GrepTool(workDir), new TodoWriteTool(homeDir),
                new SkillTool(SkillCatalog.standard(workDir.resolve("skills"))),
                WebFetchTool.fromEnv(toolEnv)));
    }

    /** This registry with {@code more} tools after its own (e.g. the host tools). */
    public ToolRegistry plus(List<Tool> more) {
        List<Tool> all = new java.util.ArrayList<>(tools.values());
        all.addAll(more);
        return new ToolRegistry(all);
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public List<String> names() {
        return List.copyOf(tools.keySet());
    }

    /** The {@code tools} array of a Messages API request. */
    public ArrayNode definitions(ObjectMapper mapper) {
        ArrayNode array = mapper.createArrayNode();
        for (Tool t : tools.values()) {
            ToolSpec spec = t.spec();
            array.addObject().put("name", spec.name()).put("description", spec.description()).set("input_schema", spec.inputSchema());
        }
        return array;
    }
}
