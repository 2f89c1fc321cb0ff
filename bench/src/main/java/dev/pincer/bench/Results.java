package dev.pincer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's result as JSON ({@code bench/results/<timestamp>.json}): the machine, then each row
 * under its key ({@code median}, {@code p95}, {@code p99}, {@code n}, {@code unit},
 * {@code floorRatio}, {@code target}), then the notes.
 */
final class Results {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Results() {}

    static ObjectNode toJson(Report report, Map<String, Object> machine) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("machine", Json.MAPPER.valueToTree(machine));
        ObjectNode rows = root.putObject("rows");
        for (Row r : report.rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", r.label());
            row.put("unit", r.unit());
            row.put("median", r.stats().median());
            row.put("p95", r.stats().p95());
            row.put("p99", r.stats().p99());
            row.put("n", r.stats().n());
            row.put("floorRatio", r.ratio());
            row.put("target", r.target());
            rows.set(r.key(), Json.MAPPER.valueToTree(row));
        }
        root.set("notes", Json.MAPPER.valueToTree(report.notes));
        return root;
    }

    /** Writes {@code json} to {@code dir/<timestamp>.json}; the file. */
    static Path write(Path dir, Instant at, JsonNode json) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(NAME.format(at) + ".json");
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        return file;
    }

    static JsonNode read(Path file) throws IOException {
        return Json.MAPPER.readTree(file.toFile());
    }
}
