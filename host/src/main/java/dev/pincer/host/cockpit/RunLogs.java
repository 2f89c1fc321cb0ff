package dev.pincer.host.cockpit;

import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.config.Layout;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The sandbox log of a run: {@code logs/runs/<folder>/run-<time>-<first 8 of the run id>.log}, followed
 * by the logs of the sandbox teammates it started ({@code team-<time>-<first 8>-<teammate>.log}). A
 * batch handed to a live sandbox shares the log of the run that started it, so a run without its own
 * log (and without teammates) has none here.
 */
final class RunLogs {
    /** The most of a log shown: its end. */
    static final int TAIL_BYTES = 64 * 1024;

    private RunLogs() {}

    /** The end of the run's log, or null when it has none. */
    static String tail(Layout layout, String folder, String runId) {
        if (!GroupFolder.isValid(folder) || runId == null || runId.length() < 8) {
            return null;
        }
        Path dir = layout.logsDir().resolve("runs").resolve(folder);
        String suffix = "-" + runId.substring(0, 8) + ".log";
        if (!Files.isDirectory(dir)) {
            return null;
        }
        String teammates = "-" + runId.substring(0, 8) + "-";
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            Optional<Path> log = all.stream().filter(p -> p.getFileName().toString().startsWith("run-")
                    && p.getFileName().toString().endsWith(suffix)).findFirst();
            StringBuilder text = new StringBuilder(log.isEmpty() ? "" : read(log.get()));
            for (Path team : all.stream().filter(p -> p.getFileName().toString().startsWith("team-")
                    && p.getFileName().toString().contains(teammates)).toList()) {
                text.append(text.isEmpty() ? "" : "\n").append("=== teammate log ").append(team.getFileName()).append(" ===\n")
                        .append(read(team));
            }
            return text.isEmpty() ? null : text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of run " + runId + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return start == 0 ? text : "[... the first " + start + " bytes are left out]\n" + text.substring(text.indexOf('\n') + 1);
        }
    }
}
