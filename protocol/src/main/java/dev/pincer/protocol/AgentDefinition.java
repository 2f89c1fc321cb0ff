package dev.pincer.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A kind of sub-agent ("teammate") a run may start with the {@code Task} tool: a group's
 * {@code agents/<type>.md} or one of the global definitions shipped here (a group file overrides a
 * global one of the same type). See docs/DESIGN.md, "Sub-agents".
 *
 * @param name         the display name (the {@code sender} of its messages); the type when missing
 * @param description  when to use it; offered to the parent model
 * @param access       the tools it may use and whether it may start sub-agents
 * @param model        the model to call, or null: the run's model
 * @param isolation    where it runs: in the parent's sandbox or in one of its own
 * @param instructions the markdown body: its system prompt
 */
public record AgentDefinition(String name, String description, Access access, String model, Isolation isolation,
                              String instructions) {

    /**
     * What a definition may use.
     *
     * @param tools     the allow list of tool wire names; empty = {@link #DEFAULT_TOOLS}
     * @param delegates whether it may start sub-agents of its own (frontmatter {@code tasks: true})
     */
    public record Access(List<String> tools, boolean delegates) {
        public Access {
            tools = tools == null ? List.of() : List.copyOf(tools);
        }
    }

    /** Where a sub-agent runs. */
    public enum Isolation {
        /** In the parent's sandbox and process, with its own context and memory file. */
        SHARED,
        /** In a sandbox of its own started by the host (host tool {@code start_teammate}). */
        SANDBOX
    }

    /**
     * The tools of a definition without a {@code tools} list: the file tools, WebFetch, TodoWrite,
     * Skill and the host tools {@code send_message} and {@code memory_search}. Not Bash (a shell
     * reaches past the file tools' fences) and not {@code Task} (only {@link #delegates}).
     */
    public static final List<String> DEFAULT_TOOLS = List.of("Read", "Write", "Edit", "Glob", "Grep", "WebFetch",
            "TodoWrite", "Skill", "send_message", "memory_search");

    /** The global definitions shipped in this jar, by type. */
    public static final List<String> GLOBAL_TYPES = List.of("researcher", "writer");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9-]{1,40}");
    private static final String RESOURCES = "/dev/pincer/protocol/agents/";

    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(isolation, "isolation");
        access = access == null ? new Access(List.of(), false) : access;
        instructions = instructions == null ? "" : instructions;
    }

    /** Whether {@code type} is a valid type name: {@code [a-z0-9-]{1,40}}. */
    public static boolean validType(String type) {
        return type != null && TYPE.matcher(type).matches();
    }

    /**
     * Reads {@code agents/<type>.md}.
     *
     * @throws IllegalArgumentException with a one-line message naming the file and its problem
     */
    public static AgentDefinition parse(String type, String markdown) {
        if (!validType(type)) {
            throw new IllegalArgumentException("agents/" + type + ".md: the type must match [a-z0-9-]{1,40}");
        }
        try {
            return DefinitionParser.parse(type, markdown);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agents/" + type + ".md: " + e.getMessage(), e);
        }
    }

    /** The global definitions shipped with Pincer, by type (sorted). */
    public static Map<String, AgentDefinition> global() {
        Map<String, AgentDefinition> all = new TreeMap<>();
        for (String type : GLOBAL_TYPES) {
            try (InputStream in = AgentDefinition.class.getResourceAsStream(RESOURCES + type + ".md")) {
                if (in == null) {
                    throw new IllegalStateException("the global agent definition " + type + ".md is missing from the protocol jar");
                }
                all.put(type, parse(type, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the global agent definition " + type + ".md", e);
            }
        }
        return all;
    }

    /** The allow list of tool wire names as written; empty = {@link #DEFAULT_TOOLS}. */
    public List<String> tools() {
        return access.tools();
    }

    /** Whether it may start sub-agents of its own (frontmatter {@code tasks: true}). */
    public boolean delegates() {
        return access.delegates();
    }

    /** The tools it may use: its list, or {@link #DEFAULT_TOOLS} when the list is empty. */
    public List<String> effectiveTools() {
        return tools().isEmpty() ? DEFAULT_TOOLS : tools();
    }

    /**
     * Whether it may use {@code tool} (a tool wire name, e.g. {@code Read} or {@code send_message}):
     * listed in {@link #effectiveTools()}; {@code Task} and {@code start_teammate} only when it
     * {@link #delegates}.
     */
    public boolean allows(String tool) {
        if ("Task".equals(tool) || "start_teammate".equals(tool)) {
            return delegates();
        }
        return effectiveTools().contains(tool);
    }
}
