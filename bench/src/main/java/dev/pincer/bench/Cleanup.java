package dev.pincer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/** Removes the bench's scratch folders; what cannot be removed is named, never hidden. */
final class Cleanup {
    private Cleanup() {}

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("bench: could not remove " + root + ": " + e.getMessage());
        }
    }
}
