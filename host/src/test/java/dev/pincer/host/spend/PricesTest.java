package dev.pincer.host.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PricesTest {
    @TempDir
    Path dir;

    @Test
    void builtInClaudePricesAlsoForDatedIdsAndLatestAliases() {
        Prices p = Prices.builtIn();
        assertThat(p.of("claude-sonnet-4-5")).contains(new Prices.Price(3, 15, 0.3, 3.75));
        assertThat(p.of("claude-sonnet-4-5-20250929")).isEqualTo(p.of("claude-sonnet-4-5"));
        assertThat(p.of("claude-3-5-haiku-latest")).contains(new Prices.Price(0.8, 4, 0.08, 1));
        assertThat(p.of("claude-haiku-4-5").orElseThrow().cost(new Usage(1_000_000, 1_000_000, 1_000_000, 1_000_000)))
                .isEqualTo(1 + 5 + 0.1 + 1.25);
        assertThat(p.of("gpt-4.1")).isEmpty();
        assertThat(p.of("claude-sonnet-4-5-2025")).isEmpty();
    }

    @Test
    void aPriceFileAddsAndOverridesAndMissingCachePricesAreTheInputPrice() throws Exception {
        Path file = Files.writeString(dir.resolve("prices.json"), """
                {"gpt-4.1": {"input": 2, "output": 8, "cacheRead": 0.5},
                 "claude-sonnet-4-5": {"input": 6, "output": 22.5, "cacheRead": 0.6, "cacheWrite": 7.5}}""");
        Prices p = Prices.load(file);
        assertThat(p.of("gpt-4.1")).contains(new Prices.Price(2, 8, 0.5, 2));
        assertThat(p.of("claude-sonnet-4-5")).contains(new Prices.Price(6, 22.5, 0.6, 7.5));
        assertThat(p.of("claude-haiku-4-5")).as("built-in entries stay").isPresent();
        assertThat(Prices.load(null).of("claude-opus-4-5")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"m\": {\"input\": 1}}", "{\"m\": {\"input\": 1, \"output\": -2}}",
            "{\"m\": {\"input\": 1, \"output\": 2, \"cacheHit\": 1}}", "{\"m\": {\"input\": \"1\", \"output\": 2}}",
            "{\"m\": {\"input\": 1, \"output\": 2, \"cacheRead\": \"x\"}}", "not json"})
    void aBrokenPriceFileFailsAtStartNamingTheSetting(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("prices.json"), json);
        assertThatThrownBy(() -> Prices.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PINCER_PRICES=" + file + " is not a usable price table");
    }

    @Test
    void aMissingPriceFileFailsToo() {
        assertThatThrownBy(() -> Prices.load(dir.resolve("nope.json"))).hasMessageContaining("PINCER_PRICES=");
    }
}
