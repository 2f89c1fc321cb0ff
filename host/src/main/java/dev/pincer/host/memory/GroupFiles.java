package dev.pincer.host.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files a group's memory is made of, found and read the way the host must treat a folder a
 * sandbox writes: every folder is opened relative to its parent without following links
 * ({@code openat} with {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}), a link is never
 * followed, only regular files are read, at most {@value #MAX_BYTES} bytes each, and a file with a
 * NUL byte is not text. {@link MemoryIndex} calls this only while no sandbox of the group runs, so
 * nothing is swapped between a look and a read.
 */
final class GroupFiles {
    static final int MAX_BYTES = 1 << 20;
    /** At most this many files of one group are indexed. */
    static final int MAX_FILES = 5000;
    static final int MAX_DEPTH = 8;
    static final String MEMORY_FILE = "CLAUDE.md";
    static final String AGENT_MEMORY_FILE = "MEMORY.md";

    /** A file as listed: its path relative to the group's folder, what it is, its size and modification time. */
    record Found(String path, Source source, long size, long mtimeMillis) {}

    private final Path groupsDir;

    /** @param groupsDir {@code groups/} under PINCER_HOME (the host's own folder) */
    GroupFiles(Path groupsDir) {
        this.groupsDir = groupsDir;
    }

    /** {@code CLAUDE.md}, {@code conversations/*.md}, {@code agents/<name>/MEMORY.md} and {@code notes/**}, sorted by path. */
    List<Found> list(String folder) throws IOException {
        List<Found> out = new ArrayList<>();
        try (Chain chain = new Chain()) {
            SecureDirectoryStream<Path> group = chain.group(groupsDir, folder);
            if (group == null) {
                return out;
            }
            addFile(group, MEMORY_FILE, "", Source.MEMORY, out);
            SecureDirectoryStream<Path> conversations = chain.sub(group, "conversations");
            for (String name : conversations == null ? List.<String>of() : names(conversations)) {
                if (name.endsWith(".md")) {
                    addFile(conversations, name, "conversations/", Source.CONVERSATION, out);
                }
            }
            SecureDirectoryStream<Path> agents = chain.sub(group, "agents");
            for (String name : agents == null ? List.<String>of() : names(agents)) {
                SecureDirectoryStream<Path> agent = chain.sub(agents, name);
                if (agent != null) {
                    addFile(agent, AGENT_MEMORY_FILE, "agents/" + name + "/", Source.MEMORY, out);
                }
            }
            SecureDirectoryStream<Path> notes = chain.sub(group, "notes");
            if (notes != null) {
                walk(chain, notes, "notes/", 1, out);
            }
        }
        return out;
    }

    /** The text of a listed file, or empty when it is no longer a regular file or is not text. */
    Optional<String> read(String folder, String path) throws IOException {
        String[] parts = path.split("/");
        try (Chain chain = new Chain()) {
            SecureDirectoryStream<Path> dir = chain.group(groupsDir, folder);
            for (int i = 0; i < parts.length - 1 && dir != null; i++) {
                dir = chain.sub(dir, parts[i]);
            }
            String name = parts[parts.length - 1];
            BasicFileAttributes a = dir == null ? null : lstat(dir, name);
            if (a == null || !a.isRegularFile()) {
                return Optional.empty();
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(MAX_BYTES, a.size()));
            try (var ch = dir.newByteChannel(Path.of(name), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read up to the size seen, at most MAX_BYTES
                }
            }
            byte[] bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
            for (byte b : bytes) {
                if (b == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static void walk(Chain chain, SecureDirectoryStream<Path> dir, String prefix, int depth, List<Found> out)
            throws IOException {
        for (String name : names(dir)) {
            BasicFileAttributes a = lstat(dir, name);
            if (a == null || name.startsWith(".") || out.size() >= MAX_FILES) {
                continue;
            }
            if (a.isRegularFile()) {
                out.add(new Found(prefix + name, Source.NOTE, a.size(), a.lastModifiedTime().toMillis()));
            } else if (a.isDirectory() && depth < MAX_DEPTH) {
                SecureDirectoryStream<Path> sub = chain.sub(dir, name);
                if (sub != null) {
                    walk(chain, sub, prefix + name + "/", depth + 1, out);
                }
            }
        }
    }

    private static void addFile(SecureDirectoryStream<Path> dir, String name, String prefix, Source source, List<Found> out)
            throws IOException {
        BasicFileAttributes a = lstat(dir, name);
        if (a != null && a.isRegularFile() && out.size() < MAX_FILES) {
            out.add(new Found(prefix + name, source, a.size(), a.lastModifiedTime().toMillis()));
        }
    }

    private static List<String> names(SecureDirectoryStream<Path> dir) {
        List<String> names = new ArrayList<>();
        for (Path p : dir) {
            names.add(p.getFileName().toString());
        }
        names.sort(null);
        return names;
    }

    /** The entry's own attributes (a link's, never its target's); null when there is none. */
    private static BasicFileAttributes lstat(SecureDirectoryStream<Path> dir, String name) throws IOException {
        try {
            return dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The folders opened on the way down, closed together. */
    private static final class Chain implements AutoCloseable {
        private final Deque<DirectoryStream<Path>> open = new ArrayDeque<>();

        /** The group's folder, or null when it does not exist or is not a folder. */
        SecureDirectoryStream<Path> group(Path groupsDir, String folder) throws IOException {
            if (!Files.isDirectory(groupsDir)) {
                return null;
            }
            DirectoryStream<Path> groups = Files.newDirectoryStream(groupsDir);
            open.push(groups);
            if (!(groups instanceof SecureDirectoryStream<Path> secure)) {
                throw new IOException("this platform cannot open folders without following links; the memory index needs it");
            }
            return sub(secure, folder);
        }

        /** The sub-folder {@code name} of {@code dir}, or null when it is missing, a link or not a folder. */
        SecureDirectoryStream<Path> sub(SecureDirectoryStream<Path> dir, String name) throws IOException {
            BasicFileAttributes a = lstat(dir, name);
            if (a == null || !a.isDirectory()) {
                return null;
            }
            try {
                SecureDirectoryStream<Path> s = dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
                open.push(s);
                return s;
            } catch (java.nio.file.FileSystemException e) {
                return null; // gone, or replaced by a link since the look (ELOOP): not followed
            }
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
