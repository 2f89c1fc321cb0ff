package dev.pincer.host.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void aShortTextIsOnePart() {
        assertThat(TextSplitter.split("hello", 100, String::length)).containsExactly("hello");
    }

    @Test
    void partsEndAtParagraphsThenLinesAndEachFitsAsMeasured() {
        String text = "First paragraph here.\n\nSecond paragraph is a bit longer.\n\nThird.";
        List<String> parts = TextSplitter.split(text, 40, String::length);
        assertThat(parts).containsExactly("First paragraph here.", "Second paragraph is a bit longer.", "Third.");

        String lines = "line one\nline two\nline three\nline four";
        assertThat(TextSplitter.split(lines, 20, String::length)).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(20))
                .allSatisfy(p -> assertThat(p).doesNotStartWith("\n"));
    }

    @Test
    void theLimitIsMeasuredAfterFormatting() {
        String text = "a & b & c & d & e & f & g & h & i & j";
        List<String> parts = TextSplitter.split(text, 30, s -> s.replace("&", "&amp;").length());
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.replace("&", "&amp;").length()).isLessThanOrEqualTo(30));
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }

    @Test
    void aCodeBlockThatMustBeCutIsClosedAndOpenedAgain() {
        String code = "```java\n" + "int x = 1;\n".repeat(12) + "```";
        List<String> parts = TextSplitter.split("Here:\n\n" + code, 80, String::length);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(80));
        for (String p : parts) {
            assertThat(p.split("```", -1).length % 2).as("fences balanced in: " + p).isEqualTo(1);
        }
        assertThat(parts.get(1)).startsWith("```java");
    }

    @Test
    void aParagraphIsNotCutInsideAShortCodeBlockWhenABreakBeforeItFits() {
        String text = "Intro text.\n\n```\na\n\nb\n```\n\nAfter.";
        List<String> parts = TextSplitter.split(text, 25, String::length);
        assertThat(parts.get(0)).isEqualTo("Intro text.");
    }

    @Test
    void aLongWordIsCutHard() {
        assertThat(TextSplitter.split("x".repeat(250), 100, String::length)).containsExactly("x".repeat(100), "x".repeat(100), "x".repeat(50));
    }
}
