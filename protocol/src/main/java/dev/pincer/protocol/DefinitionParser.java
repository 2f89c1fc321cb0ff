package dev.pincer.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the small frontmatter of an agent definition: a first line {@code ---}, {@code key: value}
 * lines, a closing {@code ---}, then the instructions. Lists are {@code [a, b]} or {@code a, b}.
 */
final class DefinitionParser {
    private static final Set<String> KEYS = Set.of("name", "description", "tools", "model", "isolation", "tasks");
    private static final int MAX_CHARS = 64 * 1024;

    private DefinitionParser() {}

    static AgentDefinition parse(String type, String markdown) {
        if (markdown == null || markdown.isBlank()) {
            throw new IllegalArgumentException("the file is empty");
        }
        if (markdown.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the file is longer than " + MAX_CHARS + " characters");
        }
        String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
        List<String> lines = text.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        if (!lines.getFirst().strip().equals("---")) {
            throw new IllegalArgumentException("the first line must be '---' (frontmatter with name and description)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("---")) {
                String body = String.join("\n", lines.subList(i + 1, lines.size())).strip();
                return build(type, fields, body);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("frontmatter line " + (i + 1) + " is not 'key: value': " + line);
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("frontmatter line " + (i + 1) + " has the unknown key '" + key
                        + "' (known: name, description, tools, model, isolation, tasks)");
            }
            fields.put(key, unquote(line.substring(colon + 1).strip()));
        }
        throw new IllegalArgumentException("the frontmatter is never closed by a '---' line");
    }

    private static AgentDefinition build(String type, Map<String, String> f, String body) {
        String description = f.get("description");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("the frontmatter has no 'description'");
        }
        String name = blankToNull(f.get("name"));
        return new AgentDefinition(name == null ? type : name, description,
                new AgentDefinition.Access(tools(f.get("tools")), tasks(f.get("tasks"))),
                blankToNull(f.get("model")), isolation(f.get("isolation")), body);
    }

    private static List<String> tools(String value) {
        if (value == null) {
            return List.of();
        }
        String v = value.strip();
        if (v.startsWith("[") != v.endsWith("]")) {
            throw new IllegalArgumentException("'tools' must be a list like [Read, Grep] or Read, Grep");
        }
        if (v.startsWith("[")) {
            v = v.substring(1, v.length() - 1);
        }
        List<String> list = new ArrayList<>();
        for (String part : v.split(",")) {
            String tool = unquote(part.strip());
            if (tool.isEmpty()) {
                continue;
            }
            if (!tool.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("'tools' holds the bad tool name '" + tool + "'");
            }
            list.add(tool);
        }
        return list;
    }

    private static AgentDefinition.Isolation isolation(String value) {
        if (value == null || value.isBlank()) {
            return AgentDefinition.Isolation.SHARED;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "shared" -> AgentDefinition.Isolation.SHARED;
            case "sandbox" -> AgentDefinition.Isolation.SANDBOX;
            default -> throw new IllegalArgumentException("'isolation' must be shared or sandbox, not '" + value + "'");
        };
    }

    private static boolean tasks(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'tasks' must be true or false, not '" + value + "'");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        int comment = v.indexOf(" #");
        return comment >= 0 ? v.substring(0, comment).strip() : v;
    }
}
