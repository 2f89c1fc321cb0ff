package dev.pincer.cli;

import java.util.concurrent.Callable;

/**
 * A command that only holds subcommands ({@code groups}, {@code memory}, {@code service},
 * {@code tasks}): given none, it prints its usage to stderr and exits 2.
 */
abstract class CommandGroup extends PincerCommand implements Callable<Integer> {

    @Override
    public final Integer call() {
        spec.commandLine().usage(err());
        return 2;
    }
}
