package dev.pincer.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TodoWriteToolTest {
    @TempDir
    Path home;

    private static JsonNode todos(Object... items) {
        return Json.MAPPER.valueToTree(Map.of("todos", List.of(items)));
    }

    private static Map<String, String> todo(String content, String status, String activeForm) {
        return Map.of("content", content, "status", status, "activeForm", activeForm);
    }

    @Test
    void keepsTheListInMemoryPersistsItAndSummarises() throws Exception {
        TodoWriteTool tool = new TodoWriteTool(home);

        ToolResult r = tool.execute(todos(
                todo("Read the logs", "completed", "Reading the logs"),
                todo("Fix the bug", "in_progress", "Fixing the bug"),
                todo("Run the tests", "pending", "Running the tests")));

        assertThat(r.isError()).isFalse();
        assertThat(r.content()).isEqualTo(
                "Todo list updated: 3 tasks (1 completed, 1 in progress, 1 pending). Now: Fixing the bug.");
        assertThat(tool.todos()).extracting(TodoWriteTool.Todo::status).containsExactly(
                TodoWriteTool.Status.COMPLETED, TodoWriteTool.Status.IN_PROGRESS, TodoWriteTool.Status.PENDING);
        JsonNode saved = Json.MAPPER.readTree(home.resolve("todos.json").toFile());
        assertThat(saved).hasSize(3);
        assertThat(saved.get(1).path("content").asText()).isEqualTo("Fix the bug");
        assertThat(saved.get(1).path("status").asText()).isEqualTo("in_progress");
        assertThat(saved.get(1).path("activeForm").asText()).isEqualTo("Fixing the bug");
    }

    @Test
    void eachCallReplacesTheWholeList() throws Exception {
        TodoWriteTool tool = new TodoWriteTool(home);
        tool.execute(todos(todo("A", "pending", "Doing A"), todo("B", "pending", "Doing B")));

        ToolResult r = tool.execute(todos(todo("A", "completed", "Doing A")));

        assertThat(r.content()).endsWith("All tasks are completed.");
        assertThat(Json.MAPPER.readTree(home.resolve("todos.json").toFile())).hasSize(1);
        assertThat(tool.execute(todos()).content()).isEqualTo("Todo list cleared.");
        assertThat(Files.readString(home.resolve("todos.json")).strip()).isEqualTo("[ ]");
    }

    @Test
    void rejectsMalformedTodosWithoutChangingTheList() throws Exception {
        TodoWriteTool tool = new TodoWriteTool(home);
        tool.execute(todos(todo("A", "pending", "Doing A")));

        assertThatThrownBy(() -> tool.execute(todos(todo("B", "done", "Doing B"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("todos[0].status must be pending, in_progress or completed, got 'done'");
        assertThatThrownBy(() -> tool.execute(todos(Map.of("content", "C", "status", "pending"))))
                .hasMessage("todos[0].activeForm is missing or empty");
        assertThatThrownBy(() -> tool.execute(todos(todo(" ", "pending", "x"))))
                .hasMessage("todos[0].content is missing or empty");
        assertThatThrownBy(() -> tool.execute(Json.MAPPER.valueToTree(Map.of("todos", "A, B"))))
                .hasMessageContaining("must be an array");

        assertThat(tool.todos()).extracting(TodoWriteTool.Todo::content).containsExactly("A");
        assertThat(Files.readString(home.resolve("todos.json"))).contains("\"A\"").doesNotContain("\"B\"");
    }

    @Test
    void anUnwritableHomeIsReportedButTheListIsKept() throws Exception {
        Path notADir = Files.writeString(home.resolve("file"), "x");
        TodoWriteTool tool = new TodoWriteTool(notADir);

        ToolResult r = tool.execute(todos(todo("A", "pending", "Doing A")));

        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("The todo list was updated for this run but could not be saved");
        assertThat(tool.todos()).hasSize(1);
    }
}
