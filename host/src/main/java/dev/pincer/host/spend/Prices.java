package dev.pincer.host.spend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a model's tokens cost, in US dollars per million tokens: a small built-in table of current
 * Claude models, extended or overridden by the JSON file {@code PINCER_PRICES}
 * ({@code {"model": {"input": .., "output": .., "cacheRead": .., "cacheWrite": ..}}}; a missing cache
 * price is taken as the input price, which never under-counts). A dated model id
 * ({@code claude-sonnet-4-5-20250929}) or a {@code -latest} alias has the price of its base name.
 */
public final class Prices {

    /** US dollars per million tokens of each kind. */
    public record Price(double input, double output, double cacheRead, double cacheWrite) {
        public Price {
            if (!(input >= 0 && output >= 0 && cacheRead >= 0 && cacheWrite >= 0)) {
                throw new IllegalArgumentException("prices must be numbers >= 0");
            }
        }

        /** What {@code u} costs at this price. */
        public double cost(Usage u) {
            return (u.inputTokens() * input + u.outputTokens() * output + u.cacheReadTokens() * cacheRead
                    + u.cacheWriteTokens() * cacheWrite) / 1_000_000.0;
        }
    }

    /** Anthropic's list prices (base input, output, cache hits, 5-minute cache writes). */
    static final Map<String, Price> BUILT_IN = Map.of(
            "claude-opus-4-5", new Price(5, 25, 0.5, 6.25),
            "claude-opus-4-1", new Price(15, 75, 1.5, 18.75),
            "claude-opus-4-0", new Price(15, 75, 1.5, 18.75),
            "claude-opus-4", new Price(15, 75, 1.5, 18.75),
            "claude-sonnet-4-5", new Price(3, 15, 0.3, 3.75),
            "claude-sonnet-4-0", new Price(3, 15, 0.3, 3.75),
            "claude-sonnet-4", new Price(3, 15, 0.3, 3.75),
            "claude-3-7-sonnet", new Price(3, 15, 0.3, 3.75),
            "claude-haiku-4-5", new Price(1, 5, 0.1, 1.25),
            "claude-3-5-haiku", new Price(0.8, 4, 0.08, 1));

    private static final Set<String> FIELDS = Set.of("input", "output", "cacheRead", "cacheWrite");

    private final Map<String, Price> table;

    private Prices(Map<String, Price> table) {
        this.table = Map.copyOf(table);
    }

    public static Prices builtIn() {
        return new Prices(BUILT_IN);
    }

    /**
     * The built-in table with the entries of {@code file} ({@code PINCER_PRICES}) over it; just the
     * built-in one when {@code file} is null.
     *
     * @throws IllegalArgumentException when the file cannot be read or is not a valid price table
     */
    public static Prices load(Path file) {
        if (file == null) {
            return builtIn();
        }
        Map<String, Price> table = new HashMap<>(BUILT_IN);
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("it must be a JSON object of model names");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                table.put(e.getKey(), price(e.getKey(), e.getValue()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("PINCER_PRICES=" + file + " is not a usable price table: " + e.getMessage()
                    + " (expected {\"model\": {\"input\": usd_per_mtok, \"output\": ..., \"cacheRead\": ..., \"cacheWrite\": ...}})", e);
        }
        return new Prices(table);
    }

    private static Price price(String model, JsonNode p) {
        if (!p.isObject() || !p.path("input").isNumber() || !p.path("output").isNumber()) {
            throw new IllegalArgumentException(model + " needs numbers \"input\" and \"output\"");
        }
        p.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f) || !p.get(f).isNumber()) {
                throw new IllegalArgumentException(model + ": \"" + f + "\" is not one of " + FIELDS + " with a number");
            }
        });
        double input = p.path("input").asDouble();
        return new Price(input, p.path("output").asDouble(), p.path("cacheRead").asDouble(input),
                p.path("cacheWrite").asDouble(input));
    }

    /** The price of {@code model}, if known. */
    public Optional<Price> of(String model) {
        Price p = table.get(model);
        if (p == null && model.matches(".+-[0-9]{8}")) {
            p = table.get(model.substring(0, model.length() - 9));
        }
        if (p == null && model.endsWith("-latest")) {
            p = table.get(model.substring(0, model.length() - "-latest".length()));
        }
        return Optional.ofNullable(p);
    }
}
