package dev.pincer.cli.home;

import dev.pincer.host.config.DotEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code .env} file edited in place: a changed setting keeps its line, a new one is appended,
 * comments and every other line stay as they were. Written atomically, readable by its owner only
 * (mode 0600), because it holds the API keys and tokens.
 */
public final class EnvFile {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path file;
    private final List<String> lines;
    private boolean changed;

    private EnvFile(Path file, List<String> lines) {
        this.file = file;
        this.lines = new ArrayList<>(lines);
    }

    /** The file as it is now; an empty one when it does not exist yet. */
    public static EnvFile read(Path file) throws IOException {
        return new EnvFile(file, Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of());
    }

    /** Every setting, as Pincer reads them. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            out.putAll(DotEnv.parse(List.of(line)));
        }
        return out;
    }

    /** A setting's value; empty when it is missing or blank. */
    public Optional<String> get(String key) {
        String v = values().get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** Sets {@code key}: its line is replaced where it is, or a new line is appended. */
    public EnvFile set(String key, String value) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + key + "' is not a setting name (letters, digits and '_')");
        }
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException(key + " must be one line");
        }
        String line = key + "=" + quoted(value);
        changed = true;
        for (int i = 0; i < lines.size(); i++) {
            if (DotEnv.parse(List.of(lines.get(i))).containsKey(key)) {
                lines.set(i, line);
                return this;
            }
        }
        lines.add(line);
        return this;
    }

    /** The file's text with only the settings {@code keep} accepts (comments and blank lines stay). */
    public String textWith(java.util.function.Predicate<String> keep) {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            Map<String, String> parsed = DotEnv.parse(List.of(line));
            if (parsed.isEmpty() || parsed.keySet().stream().allMatch(keep)) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * Writes the file atomically with mode 0600 (also when it existed with a wider mode); without a
     * change since it was read or written, it is left as it is.
     */
    public void write() throws IOException {
        if (!changed) {
            return;
        }
        changed = false;
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".env-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l).append('\n'));
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** A value with blanks, '#' or quotes is written in double quotes, which {@link DotEnv} strips. */
    private static String quoted(String value) {
        boolean plain = !value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '#' || c == '"' || c == '\'');
        if (plain) {
            return value;
        }
        if (value.contains("\"")) {
            return "'" + value + "'";
        }
        return "\"" + value + "\"";
    }
}
