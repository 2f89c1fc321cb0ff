package dev.pincer.host.identity;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sub-agent types a group defines: {@code groups/<folder>/agents/<type>.md}. The sandbox writes
 * that folder, so the host reads names only, never a file: {@code agents/} is opened relative to the
 * group folder without following a link, each entry's type is looked up without following it, and
 * only regular {@code .md} files whose name is a valid role name count.
 */
final class AgentDefinitions {
    private AgentDefinitions() {}

    /** More entries than this in {@code agents/} is not a team but an attempt to slow the host down. */
    static final int MAX_ENTRIES = 1000;

    /**
     * The defined types, or empty when the group defines none ({@code agents/} is missing or holds
     * no definition). Throws when {@code agents/} is something else than a folder or is too big.
     */
    static Optional<Set<String>> of(Path groupDir) throws IOException {
        if (!Files.isDirectory(groupDir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> group = Files.newDirectoryStream(groupDir)) {
            if (!(group instanceof SecureDirectoryStream<Path> secure)) {
                throw new IOException("this platform cannot open folders without following links");
            }
            Set<String> types = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            try (SecureDirectoryStream<Path> agents = secure.newDirectoryStream(Path.of("agents"), LinkOption.NOFOLLOW_LINKS)) {
                int seen = 0;
                for (Path entry : agents) {
                    if (++seen > MAX_ENTRIES) {
                        throw new IOException("agents/ holds more than " + MAX_ENTRIES + " entries");
                    }
                    String name = entry.getFileName().toString();
                    String type = name.endsWith(".md") ? RoleNames.tidy(name.substring(0, name.length() - 3)) : null;
                    if (type != null && RoleNames.isValid(type) && agents.getFileAttributeView(entry.getFileName(),
                            BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes().isRegularFile()) {
                        types.add(type);
                    }
                }
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            return types.isEmpty() ? Optional.empty() : Optional.of(types);
        }
    }
}
