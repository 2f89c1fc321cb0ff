package dev.pincer.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every measure is given.
 *
 * @param launch how a host is started
 * @param work   a scratch folder for the hosts' homes, removed at the end
 * @param runs   samples per measure (one more unmeasured warm-up where a measure needs one)
 * @param smoke  tiny counts: only proves every measure still runs
 * @param out    where progress and the table are printed
 */
record Context(Launch launch, Path work, int runs, boolean smoke, PrintStream out) {

    /** {@code full} in a real run, {@code tiny} in smoke mode. */
    int count(int full, int tiny) {
        return smoke ? tiny : full;
    }
}
