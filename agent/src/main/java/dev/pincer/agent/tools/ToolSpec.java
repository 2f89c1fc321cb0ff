package dev.pincer.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool as the model sees it: its name, what it is for, and the JSON Schema of its input object.
 * The registry offers these to the model; a call names the tool by {@link #name}.
 */
public record ToolSpec(String name, String description, JsonNode inputSchema) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
    }
}
