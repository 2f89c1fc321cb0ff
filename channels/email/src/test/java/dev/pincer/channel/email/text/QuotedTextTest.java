package dev.pincer.channel.email.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTextTest {

    @Test
    void quotedHistoryAfterTheAttributionIsDropped() {
        assertThat(QuotedText.strip("""
                Sounds good.

                On Mon, 1 Jun 2026 at 10:00, Andy <andy@example.org> wrote:
                > What about Friday?
                >> older
                """)).isEqualTo("Sounds good.");
    }

    @Test
    void anAttributionWrappedOverLinesAndInlineAnswersAreHandled() {
        assertThat(QuotedText.strip("""
                On Mon, 1 Jun 2026 at 10:00, Andy Assistant
                <andy@example.org> wrote:

                > First question?
                Yes.
                > Second question?
                No.
                """)).isEqualTo("Yes.\nNo.");
        assertThat(QuotedText.strip("Danke!\n\nAm 01.06.2026 um 10:00 schrieb Andy <andy@example.org>:\n> Frage"))
                .isEqualTo("Danke!");
    }

    @Test
    void signatureAndOutlookHistoryAreDropped() {
        assertThat(QuotedText.strip("Thanks\n-- \nAnn\nCEO")).isEqualTo("Thanks");
        assertThat(QuotedText.strip("Thanks\n\n-----Original Message-----\nFrom: Andy\nold text")).isEqualTo("Thanks");
    }

    @Test
    void quoteLinesWithoutAnAttributionAndAnUnquotedWroteLineStay() {
        assertThat(QuotedText.strip("> a quote I chose\nmy answer")).isEqualTo("> a quote I chose\nmy answer");
        assertThat(QuotedText.strip("On reflection, this is what I wrote:\nthe plan"))
                .isEqualTo("On reflection, this is what I wrote:\nthe plan");
    }
}
