package dev.pincer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks the words after {@code ./pincer} in a line of code against the real CLI's command tree:
 * each subcommand exists where it is named, and each option exists on the command it is given to.
 * Placeholders and arguments pass; the line ends at a comment, {@code ;}, {@code &&} or a pipe.
 */
final class CliWords {
    private CliWords() {}

    private static final CommandLine ROOT = new CommandLine(new Main(Map.of()));

    /** The problems of {@code ./pincer <rest>}; none for a command the CLI lacks (reported elsewhere) or the launcher's own {@code test}. */
    static List<String> check(String rest) {
        List<String> words = words(rest);
        List<String> problems = new ArrayList<>();
        if (words.isEmpty() || words.get(0).equals("test")) {
            return problems;
        }
        CommandLine current = ROOT.getSubcommands().get(words.get(0));
        if (current == null) {
            return problems;
        }
        String path = "./pincer " + words.get(0);
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("-") && w.length() > 1 && !w.equals("--")) {
                String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
                OptionSpec option = current.getCommandSpec().findOption(name);
                if (option == null) {
                    problems.add("no option " + name + " of " + path);
                } else if (!w.contains("=") && option.arity().max() > 0) {
                    i++;
                }
            } else if (!current.getSubcommands().isEmpty()) {
                Map<String, CommandLine> subs = current.getSubcommands();
                List<String> unknown = List.of(w.split("\\|")).stream().filter(s -> !subs.containsKey(s)).toList();
                if (unknown.isEmpty() && !w.contains("|")) {
                    current = subs.get(w);
                    path += " " + w;
                } else if (!unknown.isEmpty() && current.getCommandSpec().positionalParameters().isEmpty()) {
                    String where = path;
                    unknown.forEach(s -> problems.add("no subcommand '" + s + "' of " + where + " ("
                            + String.join(", ", subs.keySet()) + ")"));
                    return problems;
                }
            }
        }
        return problems;
    }

    /** The words of one invocation: up to a comment or the next command, quoted strings as one word, brackets dropped. */
    static List<String> words(String rest) {
        String line = rest.split("\\s#|;|&&|\\|\\||\\s\\|\\s|\\)|`", 2)[0];
        line = line.replaceAll("\"[^\"]*\"|'[^']*'", "ARG");
        List<String> words = new ArrayList<>();
        for (String w : line.strip().split("\\s+")) {
            String t = w.replaceAll("^\\[+|\\]+$", "");
            if (!t.isEmpty()) {
                words.add(t);
            }
        }
        return words;
    }
}
