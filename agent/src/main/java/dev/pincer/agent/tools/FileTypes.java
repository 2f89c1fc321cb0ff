package dev.pincer.agent.tools;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Grep's {@code type} filter: ripgrep's common file types by name, as file-name globs. */
final class FileTypes {
    private static final Map<String, List<String>> TYPES = new TreeMap<>(Map.ofEntries(
            Map.entry("c", List.of("*.c", "*.h")),
            Map.entry("cpp", List.of("*.cpp", "*.cc", "*.cxx", "*.c++", "*.hpp", "*.hh", "*.hxx", "*.h", "*.inl")),
            Map.entry("cs", List.of("*.cs")),
            Map.entry("css", List.of("*.css", "*.scss", "*.sass", "*.less")),
            Map.entry("csv", List.of("*.csv")),
            Map.entry("go", List.of("*.go")),
            Map.entry("html", List.of("*.html", "*.htm", "*.xhtml")),
            Map.entry("java", List.of("*.java")),
            Map.entry("js", List.of("*.js", "*.jsx", "*.mjs", "*.cjs", "*.vue")),
            Map.entry("json", List.of("*.json", "*.jsonl", "*.geojson")),
            Map.entry("kotlin", List.of("*.kt", "*.kts")),
            Map.entry("lua", List.of("*.lua")),
            Map.entry("markdown", List.of("*.md", "*.markdown", "*.mdx")),
            Map.entry("md", List.of("*.md", "*.markdown", "*.mdx")),
            Map.entry("php", List.of("*.php", "*.phtml")),
            Map.entry("py", List.of("*.py", "*.pyi")),
            Map.entry("rb", List.of("*.rb", "*.gemspec", "Gemfile", "Rakefile")),
            Map.entry("ruby", List.of("*.rb", "*.gemspec", "Gemfile", "Rakefile")),
            Map.entry("rust", List.of("*.rs")),
            Map.entry("scala", List.of("*.scala", "*.sc", "*.sbt")),
            Map.entry("sh", List.of("*.sh", "*.bash", "*.zsh", ".bashrc", ".profile")),
            Map.entry("sql", List.of("*.sql")),
            Map.entry("swift", List.of("*.swift")),
            Map.entry("toml", List.of("*.toml")),
            Map.entry("ts", List.of("*.ts", "*.tsx", "*.mts", "*.cts")),
            Map.entry("txt", List.of("*.txt")),
            Map.entry("xml", List.of("*.xml", "*.xsd", "*.xsl", "*.svg", "*.pom")),
            Map.entry("yaml", List.of("*.yaml", "*.yml"))));

    private FileTypes() {}

    /**
     * The file-name globs of a type.
     *
     * @throws IllegalArgumentException naming the known types when {@code type} is not one
     */
    static List<GlobPattern> globs(String type) {
        List<String> globs = TYPES.get(type.strip().toLowerCase(Locale.ROOT));
        if (globs == null) {
            throw new IllegalArgumentException("unknown file type '" + type + "'. Known types: "
                    + String.join(", ", TYPES.keySet()) + ". Use `glob` for anything else.");
        }
        return globs.stream().map(GlobPattern::compile).toList();
    }
}
