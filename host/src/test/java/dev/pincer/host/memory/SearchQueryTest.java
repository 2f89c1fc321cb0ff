package dev.pincer.host.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every piece of a query becomes an FTS5 string: no operator, quote or bracket keeps its meaning. */
class SearchQueryTest {

    @Test
    void wordsAndQuotedPhrasesBecomeStrings() {
        SearchQuery q = SearchQuery.parse("  spare key \"blue flower pot\"   garden* ");
        assertThat(q.terms()).containsExactly("\"spare\"", "\"key\"", "\"blue flower pot\"", "\"garden\" *");
        assertThat(q.allTerms()).isEqualTo("\"spare\" \"key\" \"blue flower pot\" \"garden\" *");
        assertThat(q.anyTerm()).isEqualTo("\"spare\" OR \"key\" OR \"blue flower pot\" OR \"garden\" *");
    }

    @Test
    void operatorsQuotesAndPunctuationAreText() {
        assertThat(SearchQuery.parse("-boat NOT pier OR NEAR(a b) body:x ^start").terms()).containsExactly(
                "\"-boat\"", "\"NOT\"", "\"pier\"", "\"OR\"", "\"NEAR(a\"", "\"b)\"", "\"body:x\"", "\"^start\"");
        assertThat(SearchQuery.parse("it's \"unclosed phrase").terms()).containsExactly("\"it's\"", "\"unclosed phrase\"");
        assertThat(SearchQuery.parse("say \"\"hi\"\" now").terms()).containsExactly("\"say\"", "\"hi\"", "\"now\"");
        assertThat(SearchQuery.parse("a\"b").terms()).containsExactly("\"a\"", "\"b\"");
        assertThat(SearchQuery.parse("* - () \"\" ok").terms()).containsExactly("\"ok\"");
    }

    @Test
    void aQueryWithoutWordsOrTooLongIsRefusedWithAReason() {
        assertThatThrownBy(() -> SearchQuery.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SearchQuery.parse("\" - * ()")).hasMessageContaining("no words");
        assertThatThrownBy(() -> SearchQuery.parse("x".repeat(SearchQuery.MAX_LENGTH + 1))).hasMessageContaining("longer than");
        assertThat(SearchQuery.parse("w ".repeat(100)).terms()).hasSize(SearchQuery.MAX_TERMS);
    }
}
