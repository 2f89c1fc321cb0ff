package dev.pincer.host.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Texts are cut into passages of whole lines that know their first line. */
class PassagesTest {

    @Test
    void aShortTextIsOnePassageFromLineOne() {
        assertThat(Passages.of("# Title\n\nfirst\nsecond\n")).containsExactly(new Passages.Passage(1, "# Title\n\nfirst\nsecond"));
        assertThat(Passages.of("\n\n  \n")).isEmpty();
    }

    @Test
    void longTextsBreakAtBlankLinesOrHeadingsAndCountLines() {
        String para = "word ".repeat(40).strip(); // 199 characters
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            text.append(para).append('\n').append(para).append('\n').append('\n');
        }
        List<Passages.Passage> passages = Passages.of(text.toString());
        assertThat(passages).hasSizeGreaterThan(1);
        for (Passages.Passage p : passages) {
            assertThat(p.text().length()).isLessThanOrEqualTo(Passages.MAX + 1);
            String[] lines = text.toString().split("\n", -1);
            assertThat(lines[p.line() - 1]).as("passage at line %d starts there", p.line()).isEqualTo(p.text().split("\n", -1)[0]);
        }
        assertThat(String.join("\n", passages.stream().map(Passages.Passage::text).toList()).replace("\n", ""))
                .isEqualTo(text.toString().replace("\n", ""));
    }

    @Test
    void aVeryLongLineIsCutIntoPiecesOfItsLine() {
        String line = "x".repeat(Passages.MAX * 2 + 10);
        List<Passages.Passage> passages = Passages.of("before\n" + line + "\nafter");
        assertThat(passages).extracting(Passages.Passage::line).containsExactly(1, 2, 2, 2, 3);
        assertThat(passages.get(1).text()).hasSize(Passages.MAX);
        assertThat(passages.get(3).text()).hasSize(10);
    }
}
