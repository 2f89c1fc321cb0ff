package dev.pincer.channel.email.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void markupIsTakenOffAndNothingIsEscaped() {
        assertThat(PlainText.fromMarkdown("**bold**, __also bold__, *it*, _it_, ~~gone~~ and `x < y && z`"))
                .isEqualTo("bold, also bold, it, it, gone and x < y && z");
        assertThat(PlainText.fromMarkdown("<script>alert('x')</script> & &amp; \"q\""))
                .as("a plain-text mail shows these as written").isEqualTo("<script>alert('x')</script> & &amp; \"q\"");
    }

    @Test
    void charactersThatOnlyLookLikeMarkupStay() {
        assertThat(PlainText.fromMarkdown("2*3*4 = 24, snake_case_name, a * b, ~ and _ alone, ***"))
                .isEqualTo("2*3*4 = 24, snake_case_name, a * b, ~ and _ alone, ***");
        assertThat(PlainText.fromMarkdown("escaped \\*stars\\* and \\_underscores\\_"))
                .isEqualTo("escaped *stars* and _underscores_");
    }

    @Test
    void headingsListsLinksAndCodeBlocks() {
        String md = """
                # Plan
                * first **step**
                - second
                  + nested
                See [the docs](https://example.org/docs) or <https://example.org>, mail [me](mailto:a@b.org).
                ![chart](https://example.org/c.png)

                ```java
                int x = a*b*c; // **not bold**
                ```
                > a quote stays
                ---
                """;
        assertThat(PlainText.fromMarkdown(md)).isEqualTo("""
                Plan
                - first step
                - second
                  - nested
                See the docs (https://example.org/docs) or https://example.org, mail me (a@b.org).
                chart (https://example.org/c.png)

                    int x = a*b*c; // **not bold**
                > a quote stays
                ----------""");
    }

    @Test
    void aLinkWhoseTextIsItsAddressIsWrittenOnce() {
        assertThat(PlainText.fromMarkdown("[https://x.org](https://x.org)")).isEqualTo("https://x.org");
    }
}
