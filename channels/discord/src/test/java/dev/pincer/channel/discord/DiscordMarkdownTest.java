package dev.pincer.channel.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Markdown as Discord shows it: what Discord would misread is rewritten, the rest and all code stay. */
class DiscordMarkdownTest {

    private static String f(String markdown) {
        return DiscordMarkdown.format(markdown);
    }

    @Test
    void htmlEntitiesAndLoneMarkersAreShownAsWritten() {
        assertThat(f("<script>alert('x')</script> & &amp; *_~ 2 * 3 * 4 snake_case_name"))
                .isEqualTo("<script>alert('x')</script> & &amp; *_~ 2 * 3 * 4 snake_case_name");
        assertThat(f("**bold**, *italic*, _italic_, ~~gone~~, [link](https://example.com), > quote"))
                .isEqualTo("**bold**, *italic*, _italic_, ~~gone~~, [link](https://example.com), > quote");
    }

    @Test
    void underscoreBoldIsBoldNotUnderlined() {
        assertThat(f("this is __important__ and __init__.py")).isEqualTo("this is **important** and **init**.py");
        assertThat(f("a__b__c")).as("inside a word it is no emphasis").isEqualTo("a__b__c");
    }

    @Test
    void spoilersAndMassMentionsAreDefused() {
        assertThat(f("a || b || c")).isEqualTo("a \\|\\| b \\|\\| c");
        assertThat(f("hey @everyone and @here")).isEqualTo("hey @\u200Beveryone and @\u200Bhere");
    }

    @Test
    void discordOnlyLineSyntaxIsMadePlain() {
        assertThat(f("-# not small print")).isEqualTo("\\-# not small print");
        assertThat(f("#### Deep heading ####")).isEqualTo("**Deep heading**");
        assertThat(f("## Kept heading")).isEqualTo("## Kept heading");
        assertThat(f("![a cat](https://example.com/cat.png)")).isEqualTo("[a cat](https://example.com/cat.png)");
    }

    @Test
    void codeBlocksAndInlineCodeAreLeftExactlyAsWritten() {
        String block = "```python\nx = a || b  # __dunder__ @everyone\n-# comment\n```";
        assertThat(f("before __b__\n" + block + "\nafter __b__"))
                .isEqualTo("before **b**\n" + block + "\nafter **b**");
        assertThat(f("run `a || b` and ``x `__y__` z`` then || done"))
                .isEqualTo("run `a || b` and ``x `__y__` z`` then \\|\\| done");
        assertThat(f("an open ` tick || here")).isEqualTo("an open ` tick \\|\\| here");
    }

    @Test
    void lineBreaksAreKept() {
        assertThat(f("one\n\ntwo\n")).isEqualTo("one\n\ntwo\n");
    }
}
