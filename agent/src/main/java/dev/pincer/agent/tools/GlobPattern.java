package dev.pincer.agent.tools;

import java.util.regex.Pattern;

/**
 * A glob like {@code src/**}{@code /*.java} or {@code *.{ts,tsx}}, matched against a '/'-separated
 * relative path. {@code *} and {@code ?} stay within one path segment, {@code **} spans segments
 * and {@code **}{@code /} also matches no directory at all (so {@code **}{@code /*.md} matches
 * {@code README.md}), {@code [abc]}/{@code [!abc]} are character classes, {@code {a,b}} are
 * alternatives and {@code \} escapes. Dot files are not special.
 */
record GlobPattern(String glob, Pattern regex) {

    /** @throws IllegalArgumentException for an unbalanced {@code [} or {@code {} */
    static GlobPattern compile(String glob) {
        return new GlobPattern(glob, Pattern.compile(toRegex(glob)));
    }

    boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    /** Whether the pattern has a '/', i.e. it is about relative paths rather than file names. */
    boolean hasSeparator() {
        return glob.indexOf('/') >= 0;
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                        re.append(slash ? "(?:.*/)?" : ".*");
                        i += slash ? 3 : 2;
                        continue;
                    }
                    re.append("[^/]*");
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed [ in the glob pattern '" + glob + "'");
                    }
                    String body = glob.substring(i + 1, end);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = end;
                }
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException("unbalanced } in the glob pattern '" + glob + "'");
                    }
                    braces--;
                    re.append(')');
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        i++;
                        literal(re, glob.charAt(i));
                    } else {
                        re.append("\\\\");
                    }
                }
                default -> literal(re, c);
            }
            i++;
        }
        if (braces > 0) {
            throw new IllegalArgumentException("unclosed { in the glob pattern '" + glob + "'");
        }
        return re.toString();
    }

    private static void literal(StringBuilder re, char c) {
        if ("\\.[]{}()*+-?^$|&".indexOf(c) >= 0) {
            re.append('\\');
        }
        re.append(c);
    }
}
