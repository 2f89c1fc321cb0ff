package dev.pincer.agent.tools;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code TodoWrite {todos: [{content, status, activeForm}]}}: replaces the run's task list. The
 * list is kept in memory for the run and written to {@code todos.json} in the agent's home, so
 * the host (and a later run) can see it.
 */
public final class TodoWriteTool implements Tool {
    public static final String FILE_NAME = "todos.json";
    private static final int MAX_TODOS = 100;
    private static final ToolSpec SPEC = new ToolSpec("TodoWrite",
            "Creates and updates a structured task list for the current work. Use it for tasks with three or more "
                    + "steps: each call replaces the whole list. Mark a task in_progress before starting it (one at a "
                    + "time) and completed as soon as it is done. Each todo has content (\"Run the tests\"), status "
                    + "(pending, in_progress, completed) and activeForm (\"Running the tests\").",
            ToolInputs.schema("""
            {"type": "object",
             "properties": {
               "todos": {"type": "array", "description": "The updated todo list",
                 "items": {"type": "object",
                   "properties": {
                     "content": {"type": "string", "minLength": 1},
                     "status": {"type": "string", "enum": ["pending", "in_progress", "completed"]},
                     "activeForm": {"type": "string", "minLength": 1}
                   },
                   "required": ["content", "status", "activeForm"], "additionalProperties": false}}
             },
             "required": ["todos"], "additionalProperties": false}"""));

    /** One task; {@code activeForm} is its present-continuous form ("Running the tests"). */
    public record Todo(String content, Status status, String activeForm) {}

    /** A task's state; written as {@code pending}, {@code in_progress}, {@code completed}. */
    public enum Status {
        PENDING, IN_PROGRESS, COMPLETED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile List<Todo> todos = List.of();

    /** @param homeDir the agent's home; the list is persisted to {@code homeDir/todos.json} */
    public TodoWriteTool(Path homeDir) {
        this.file = homeDir.resolve(FILE_NAME);
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    /** The list as last written in this run. */
    public List<Todo> todos() {
        return todos;
    }

    @Override
    public ToolResult execute(JsonNode input) throws Exception {
        List<Todo> list = parse(input.path("todos"));
        synchronized (this) {
            todos = list;
            try {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
                mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), list);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                return ToolResult.error("The todo list was updated for this run but could not be saved: "
                        + FileErrors.describe("write", file.toString(), e));
            }
        }
        return ToolResult.ok(summary(list));
    }

    static List<Todo> parse(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("`todos` must be an array of {content, status, activeForm}");
        }
        if (array.size() > MAX_TODOS) {
            throw new IllegalArgumentException("at most " + MAX_TODOS + " todos, got " + array.size());
        }
        List<Todo> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode t = array.get(i);
            String content = text(t, "content", i);
            String activeForm = text(t, "activeForm", i);
            String status = text(t, "status", i);
            try {
                list.add(new Todo(content, Status.valueOf(status.toUpperCase(Locale.ROOT)), activeForm));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("todos[" + i + "].status must be pending, in_progress or completed, got '" + status + "'");
            }
        }
        return List.copyOf(list);
    }

    private static String text(JsonNode todo, String field, int index) {
        JsonNode v = todo.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("todos[" + index + "]." + field + " is missing or empty");
        }
        return v.asText().strip();
    }

    static String summary(List<Todo> list) {
        if (list.isEmpty()) {
            return "Todo list cleared.";
        }
        long done = list.stream().filter(t -> t.status() == Status.COMPLETED).count();
        long active = list.stream().filter(t -> t.status() == Status.IN_PROGRESS).count();
        StringBuilder sb = new StringBuilder("Todo list updated: ").append(list.size()).append(" task")
                .append(list.size() == 1 ? "" : "s").append(" (").append(done).append(" completed, ")
                .append(active).append(" in progress, ").append(list.size() - done - active).append(" pending).");
        list.stream().filter(t -> t.status() == Status.IN_PROGRESS).findFirst()
                .ifPresent(t -> sb.append(" Now: ").append(t.activeForm()).append('.'));
        if (active > 1) {
            sb.append(" Keep only one task in progress at a time.");
        }
        if (done == list.size()) {
            sb.append(" All tasks are completed.");
        }
        return sb.toString();
    }
}
