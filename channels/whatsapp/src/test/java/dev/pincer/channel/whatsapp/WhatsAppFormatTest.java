package dev.pincer.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Markdown as WhatsApp formats it; nothing in the text becomes markup it was not meant to be. */
class WhatsAppFormatTest {

    private static String f(String markdown) {
        return WhatsAppFormat.format(markdown);
    }

    @Test
    void emphasisBecomesWhatsAppsMarkers() {
        assertThat(f("**bold** and __also bold__, *italic* and _italic_, ~~gone~~, ***both***"))
                .isEqualTo("*bold* and *also bold*, _italic_ and _italic_, ~gone~, *_both_*");
    }

    @Test
    void headingsListsAndLinksAreMadePlain() {
        assertThat(f("# Plan\n## Step **one**\n* eggs\n+ milk\n- bread\n> quoted"))
                .isEqualTo("*Plan*\n*Step one*\n- eggs\n- milk\n- bread\n> quoted");
        assertThat(f("see [the docs](https://example.com/a_b) or https://x.org, ![chart](https://c/p.png)"))
                .isEqualTo("see the docs (https://example.com/a_b) or https://x.org, chart (https://c/p.png)");
    }

    @Test
    void htmlAmpersandsAndQuotesAreShownAsTheyAre() {
        assertThat(f("<script>alert('x')</script> & \"fish & chips\" <b>not bold</b>"))
                .isEqualTo("<script>alert('x')</script> & \"fish & chips\" <b>not bold</b>");
    }

    @Test
    void lonelyMarkersAndEscapesStayLiteral() {
        assertThat(f("2 * 3 * 4 = 24, snake_case_name, a ~ b, 5*")).isEqualTo("2 * 3 * 4 = 24, snake_case_name, a ~ b, 5*");
        assertThat(f("\\*not italic\\* and \\_not\\_ and \\# no heading")).isEqualTo("*not italic* and _not_ and # no heading");
    }

    @Test
    void codeIsKeptExactly() {
        assertThat(f("run `rm -rf **/x`:\n```bash\necho **hi** _there_ [a](b)\n```\ndone **now**"))
                .isEqualTo("run `rm -rf **/x`:\n```echo **hi** _there_ [a](b)\n```\ndone *now*");
    }

    @Test
    void controlCharactersUsedWhileConvertingCannotBeSmuggledIn() {
        assertThat(f("a\u0001b\u0002c **d**")).isEqualTo("a b c *d*");
    }
}
