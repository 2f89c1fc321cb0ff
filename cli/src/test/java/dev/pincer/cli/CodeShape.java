package dev.pincer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a source tree (the repository root: modules at {@code <module>/src/main/java}, channel
 * modules at {@code channels/<module>/src/main/java}) and lists what breaks the code's shape rules,
 * each problem as {@code path: what is wrong}. It reads the files as text: comments, strings and
 * text blocks are blanked before constructors are looked for.
 */
final class CodeShape {
    static final int MAX_LINES = 300;
    static final int MAX_PARAMETERS = 6;
    static final String ARCHITECTURE = "docs/ARCHITECTURE.md";

    private static final Pattern TYPE = Pattern.compile("\\b(?:class|record|enum|interface)\\s+([A-Z]\\w*)");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+([A-Z]\\w*)\\s*");
    private static final Pattern DOC_LINK = Pattern.compile("docs/[A-Za-z0-9_.-]+\\.md");
    /** Outside names a comment must not use: only files of the repository may be cited. */
    private static final List<String> OUTSIDE_REFERENCES = List.of("sandbox-" + "findings", "DESIGN " + "section");

    private final Path root;

    CodeShape(Path root) {
        this.root = root;
    }

    /** Every problem in the tree; empty when the tree keeps its shape. */
    List<String> problems() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        for (Path sources : mainSourceRoots()) {
            for (Path file : javaFiles(sources)) {
                Path dir = file.getParent();
                packages.add(sources.relativize(dir).toString().replace('/', '.'));
                if (!Files.exists(dir.resolve("package-info.java"))) {
                    problems.add(name(dir) + ": package has no package-info.java");
                }
                List<String> lines = Files.readAllLines(file);
                if (lines.size() > MAX_LINES) {
                    problems.add(name(file) + ": " + lines.size() + " lines, more than " + MAX_LINES);
                }
                parameterProblems(String.join("\n", lines)).forEach(p -> problems.add(name(file) + ":" + p));
            }
        }
        for (Path file : javaFiles(root)) {
            referenceProblems(Files.readAllLines(file)).forEach(p -> problems.add(name(file) + ":" + p));
        }
        problems.addAll(architectureProblems(packages));
        return problems.stream().distinct().toList();
    }

    private List<String> architectureProblems(Set<String> packages) throws IOException {
        Path doc = root.resolve(ARCHITECTURE);
        if (!Files.exists(doc)) {
            return List.of(ARCHITECTURE + ": missing; it must name every package");
        }
        String text = Files.readString(doc);
        return packages.stream().filter(p -> !text.contains("`" + p + "`"))
                .map(p -> ARCHITECTURE + ": package `" + p + "` is not named in the module table").toList();
    }

    /** Each {@code <module>/src/main/java} and {@code channels/<module>/src/main/java}, sorted. */
    List<Path> mainSourceRoots() throws IOException {
        List<Path> roots = new ArrayList<>();
        for (Path parent : List.of(root, root.resolve("channels"))) {
            if (Files.isDirectory(parent)) {
                try (Stream<Path> modules = Files.list(parent)) {
                    modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().forEach(roots::add);
                }
            }
        }
        return roots;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
                    .sorted().toList();
        }
    }

    private String name(Path p) {
        return root.relativize(p).toString();
    }

    /** Comments naming an outside document, and {@code docs/*.md} links to files the repository does not have. */
    List<String> referenceProblems(List<String> lines) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String outside : OUTSIDE_REFERENCES) {
                if (line.contains(outside) && !line.contains("docs/")) {
                    problems.add((i + 1) + ": cites \"" + outside + "\"; cite a file under docs/ instead");
                }
            }
            Matcher link = DOC_LINK.matcher(line);
            while (link.find()) {
                if (!Files.exists(root.resolve(link.group()))) {
                    problems.add((i + 1) + ": cites " + link.group() + ", which does not exist");
                }
            }
        }
        return problems;
    }

    /** Constructors and record headers with more than {@link #MAX_PARAMETERS} parameters, as {@code line: what}. */
    static List<String> parameterProblems(String source) {
        String code = blankCommentsAndLiterals(source);
        Set<String> types = new TreeSet<>();
        TYPE.matcher(code).results().forEach(m -> types.add(m.group(1)));
        List<String> problems = new ArrayList<>();
        for (String type : types) {
            Matcher ctor = Pattern.compile("(?<![\\w.@])" + type + "\\s*\\(").matcher(code);
            while (ctor.find()) {
                String before = code.substring(0, ctor.start()).stripTrailing();
                if (!before.endsWith("new") && !before.endsWith("record")) {
                    check(code, ctor.end() - 1, "constructor " + type, problems);
                }
            }
        }
        Matcher record = RECORD.matcher(code);
        while (record.find()) {
            int open = skipTypeParameters(code, record.end());
            if (open < code.length() && code.charAt(open) == '(') {
                check(code, open, "record " + record.group(1), problems);
            }
        }
        return problems;
    }

    private static void check(String code, int open, String what, List<String> problems) {
        int n = countParameters(code.substring(open + 1, closing(code, open)));
        if (n > MAX_PARAMETERS) {
            int line = (int) code.substring(0, open).chars().filter(c -> c == '\n').count() + 1;
            problems.add(line + ": " + what + " has " + n + " parameters, more than " + MAX_PARAMETERS
                    + "; group what travels together into a record");
        }
    }

    private static int skipTypeParameters(String code, int at) {
        if (at < code.length() && code.charAt(at) == '<') {
            at = closing(code, at) + 1;
        }
        while (at < code.length() && Character.isWhitespace(code.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The index of the bracket that closes the one at {@code open}: (), <> and [] nest. */
    private static int closing(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '<' || c == '[') {
                depth++;
            } else if ((c == ')' || c == '>' || c == ']') && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced " + code.charAt(open) + " at offset " + open);
    }

    /** The parameters of a list as written between its parentheses; commas inside generics or annotations do not split. */
    static int countParameters(String list) {
        if (list.isBlank()) {
            return 0;
        }
        int depth = 0;
        int n = 1;
        for (char c : list.toCharArray()) {
            switch (c) {
                case '(', '<', '[' -> depth++;
                case ')', '>', ']' -> depth--;
                case ',' -> n += depth == 0 ? 1 : 0;
                default -> { }
            }
        }
        return n;
    }

    /** The source with comments, strings, text blocks and char literals replaced by blanks; line breaks stay. */
    static String blankCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = literalEnd(s, i + 3, "\"\"\"");
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                end = literalEnd(s, i + 1, String.valueOf(s.charAt(i)));
            } else {
                out.append(s.charAt(i++));
                continue;
            }
            for (; i < end; i++) {
                out.append(s.charAt(i) == '\n' ? '\n' : ' ');
            }
        }
        return out.toString();
    }

    private static int literalEnd(String s, int from, String quote) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith(quote, i)) {
                return i + quote.length();
            }
        }
        return s.length();
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new UncheckedIOException(new IOException("no repository root (a folder with mvnw) above "
                    + Path.of("").toAbsolutePath()));
        }
        return dir;
    }
}
