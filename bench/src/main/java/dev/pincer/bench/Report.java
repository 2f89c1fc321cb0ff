package dev.pincer.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows and notes a run collects, in the order measured. */
final class Report {
    final List<Row> rows = new ArrayList<>();
    final Map<String, Object> notes = new LinkedHashMap<>();

    void add(Row row) {
        rows.add(row);
    }

    void note(String key, Object value) {
        notes.put(key, value);
    }
}
