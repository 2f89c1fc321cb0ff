package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The skills for coding agents ({@code .claude/skills/<name>/SKILL.md}) point only at what exists:
 * every repository path they name in backticks is a file or folder of the repository, every
 * {@code ./pincer <command>} they name is a command of the CLI, and in code (backticks and fenced
 * blocks) each subcommand and option after it is one the real CLI's command tree has.
 */
class SkillsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern COMMAND = Pattern.compile("\\./pincer\\s+([a-z][a-z-]*)");
    /** Repository paths; {@code groups/}, {@code data/}, {@code logs/} and {@code store/} are the Pincer home's, made at the first start. */
    private static final Pattern REPO_PATH = Pattern.compile(
            "(?:\\./)?((?:channels|docs|cli|host|web|agent|protocol|testkit|bench|container|\\.claude|\\.ci)/[\\w./-]*|README\\.md|pincer)");

    static List<Path> skills() throws IOException {
        Path dir = ROOT.resolve(".claude/skills");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(d -> d.resolve("SKILL.md")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** What {@code text} names that is missing: repository paths that do not exist, commands the CLI lacks. */
    static List<String> problems(String text, Set<String> commands) {
        List<String> missing = new ArrayList<>();
        Matcher code = CODE.matcher(text);
        while (code.find()) {
            String span = code.group(1).strip();
            Matcher p = REPO_PATH.matcher(span);
            if (p.matches()) {
                String path = p.group(1).replaceAll("/$", "");
                if (!path.contains("<") && !Files.exists(ROOT.resolve(path))) {
                    missing.add("no file " + path);
                }
            }
        }
        Matcher c = COMMAND.matcher(text);
        while (c.find()) {
            if (!commands.contains(c.group(1))) {
                missing.add("no command ./pincer " + c.group(1));
            }
        }
        for (String line : codeLines(text)) {
            Matcher invocation = INVOCATION.matcher(line);
            while (invocation.find()) {
                missing.addAll(CliWords.check(invocation.group(1)));
            }
        }
        return missing;
    }

    private static final Pattern INVOCATION = Pattern.compile("\\./pincer((?:\\s+[^\\s]+)*)");

    /** The code of {@code text}: the lines of fenced blocks and the inline spans of the rest. */
    static List<String> codeLines(String text) {
        List<String> code = new ArrayList<>();
        boolean fenced = false;
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (fenced) {
                code.add(line);
            } else {
                Matcher span = CODE.matcher(line);
                while (span.find()) {
                    code.add(span.group(1));
                }
            }
        }
        return code;
    }

    static Set<String> commands() {
        Set<String> names = new CommandLine(new Main(java.util.Map.of())).getSubcommands().keySet().stream()
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        names.add("test"); // the launcher's own: ./pincer test runs the suite
        return names;
    }

    @Test
    void everyPathAndCommandASkillNamesExists() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path skill : skills()) {
            String text = Files.readString(skill);
            assertThat(text).as(skill + " has a name and a description in its frontmatter")
                    .startsWith("---").contains("\nname: ").contains("\ndescription: ");
            problems(text, commands()).forEach(p -> problems.add(ROOT.relativize(skill) + ": " + p));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFindsWhatIsMissing() {
        String text = "Put it in `channels/nosuch/README.md`, see `docs/DESIGN.md`, then run `./pincer frobnicate` and `./pincer doctor`.";
        assertThat(problems(text, commands())).containsExactly("no file channels/nosuch/README.md", "no command ./pincer frobnicate");
    }

    @Test
    void theCheckFindsUnknownSubcommandsAndOptionsInCode() {
        String text = """
                Run `./pincer logs --group family --run 3f2a` or `./pincer groups add --chat web:x --folder x --no-trigger`.

                ```bash
                ./pincer groups frob x          # no such subcommand
                ./pincer logs --grup family     # a typo
                ./pincer tasks list --group=main && ./pincer service install --dry-run --dir /tmp/u
                ./pincer pair K7QF3M
                ./pincer test
                ```
                """;
        assertThat(problems(text, commands())).containsExactly(
                "no subcommand 'frob' of ./pincer groups (add, list, remove)", "no option --grup of ./pincer logs");
    }
}
