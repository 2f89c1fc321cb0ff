package dev.pincer.agent.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrontmatterTest {

    @Test
    void readsKeysValuesAndTheBody() {
        Frontmatter fm = Frontmatter.parse("---\nname: pdf\ndescription: Work with PDF files: read, fill, merge\n---\n\n# Body\nline\n");
        assertThat(fm.fields()).containsExactly(
                java.util.Map.entry("name", "pdf"), java.util.Map.entry("description", "Work with PDF files: read, fill, merge"));
        assertThat(fm.body()).isEqualTo("# Body\nline");
    }

    @Test
    void unquotesDoubleAndSingleQuotedValuesAndKeepsColonsInside() {
        Frontmatter fm = Frontmatter.parse("---\r\nname: \"a: b\"\r\ndescription: 'it''s \"fine\"'\r\nother: \"say \\\"hi\\\"\"\r\n---\r\nbody");
        assertThat(fm.get("name")).isEqualTo("a: b");
        assertThat(fm.get("description")).isEqualTo("it's \"fine\"");
        assertThat(fm.get("other")).isEqualTo("say \"hi\"");
        assertThat(fm.body()).isEqualTo("body");
    }

    @Test
    void skipsBlankAndCommentLinesAndTrailingComments() {
        Frontmatter fm = Frontmatter.parse("\uFEFF---\n# a comment\n\nName: x # trailing\nempty:\n---\n");
        assertThat(fm.get("name")).isEqualTo("x");
        assertThat(fm.get("empty")).isEmpty();
        assertThat(fm.body()).isEmpty();
    }

    @Test
    void textWithoutFrontmatterIsAllBody() {
        Frontmatter fm = Frontmatter.parse("# Just a document\n---\nname: no\n");
        assertThat(fm.fields()).isEmpty();
        assertThat(fm.body()).startsWith("# Just a document");
    }

    @Test
    void anUnclosedFrontmatterOrAMalformedLineIsRefused() {
        assertThatThrownBy(() -> Frontmatter.parse("---\nname: x\ndescription: y\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Frontmatter.parse("---\njust words\n---\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2").hasMessageContaining("key: value");
        assertThatThrownBy(() -> Frontmatter.parse("---\n  - list: item\n---\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSkillNeedsADescriptionAndTakesItsFolderNameWhenUnnamed() {
        assertThat(Skill.parse("---\ndescription: d\n---\nbody", "folder", "x").name()).isEqualTo("folder");
        assertThatThrownBy(() -> Skill.parse("---\nname: n\n---\nbody", "folder", "/g/skills/n/SKILL.md"))
                .hasMessageContaining("/g/skills/n/SKILL.md has no 'description'");
    }
}
