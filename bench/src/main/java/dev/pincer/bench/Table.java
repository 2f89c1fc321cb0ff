package dev.pincer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;

/** Prints a result's table and, given an earlier result, the change of each row's median. */
final class Table {
    private Table() {}

    static void print(JsonNode result, PrintStream out) {
        out.printf("%n%-72s %6s %9s %9s %9s %6s  %s%n", "measure", "unit", "median", "p95", "p99", "floor×", "target");
        for (Iterator<Map.Entry<String, JsonNode>> it = result.get("rows").fields(); it.hasNext(); ) {
            JsonNode r = it.next().getValue();
            JsonNode ratio = r.get("floorRatio");
            out.printf("%-72s %6s %9.1f %9.1f %9.1f %6s  %s%n", r.get("label").asText(), r.get("unit").asText(),
                    r.get("median").asDouble(), r.get("p95").asDouble(), r.get("p99").asDouble(),
                    ratio == null || ratio.isNull() ? "" : String.format("%.1f", ratio.asDouble()), text(r.get("target")));
        }
    }

    static void compare(JsonNode now, JsonNode before, String beforeName, PrintStream out) {
        out.printf("%nChange against %s (median before -> now):%n", beforeName);
        for (Iterator<Map.Entry<String, JsonNode>> it = now.get("rows").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = before.path("rows").get(e.getKey());
            double m = e.getValue().get("median").asDouble();
            if (old == null) {
                out.printf("  %-70s %9s -> %9.1f  (new)%n", e.getValue().get("label").asText(), "", m);
                continue;
            }
            double o = old.get("median").asDouble();
            out.printf("  %-70s %9.1f -> %9.1f  %+7.1f%%%n", e.getValue().get("label").asText(), o, m, o == 0 ? 0 : (m - o) / o * 100);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }
}
