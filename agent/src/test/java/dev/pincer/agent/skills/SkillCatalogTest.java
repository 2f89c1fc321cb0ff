package dev.pincer.agent.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillCatalogTest {
    @TempDir
    Path tmp;

    static void write(Path skills, String folder, String text) throws Exception {
        Files.createDirectories(skills.resolve(folder));
        Files.writeString(skills.resolve(folder).resolve(SkillCatalog.FILE_NAME), text);
    }

    @Test
    void everyBuiltInFolderIsListedInTheIndexAndParses() throws Exception {
        Path resources = Path.of("src/main/resources/skills");
        List<String> folders;
        try (var s = Files.list(resources)) {
            folders = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<Skill> builtIn = SkillCatalog.builtIn(getClass().getClassLoader());
        assertThat(builtIn).extracting(Skill::name).containsExactlyInAnyOrderElementsOf(folders).contains("schedule-tasks");
        assertThat(builtIn).allSatisfy(s -> assertThat(s.body()).isNotBlank());
    }

    @Test
    void groupSkillsJoinAndOverrideBuiltInsAndBrokenOnesAreLeftOut() throws Exception {
        Path skills = tmp.resolve("skills");
        write(skills, "schedule-tasks", "---\nname: schedule-tasks\ndescription: the group's own way\n---\nGROUP BODY");
        write(skills, "recipes", "---\nname: recipes\ndescription: \"Family recipes: how to file them\"\n---\nRECIPES");
        write(skills, "broken", "---\nname: broken\n");
        Files.createDirectories(skills.resolve("empty-folder"));
        var catalog = new SkillCatalog(List.of(new Skill("schedule-tasks", "built-in", "BUILT-IN BODY", "built-in"),
                new Skill("other", "another", "OTHER", "built-in")), skills);

        assertThat(catalog.all()).extracting(Skill::name).containsExactly("other", "recipes", "schedule-tasks");
        assertThat(catalog.find("schedule-tasks").orElseThrow().body()).isEqualTo("GROUP BODY");
        assertThat(catalog.find("recipes").orElseThrow().description()).isEqualTo("Family recipes: how to file them");
        assertThat(catalog.find("broken")).isEmpty();
    }

    @Test
    void aMissingGroupFolderLeavesTheBuiltIns() {
        var catalog = new SkillCatalog(List.of(new Skill("a", "d", "b", "built-in")), tmp.resolve("nope"));
        assertThat(catalog.all()).extracting(Skill::name).containsExactly("a");
    }
}
