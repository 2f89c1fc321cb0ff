package dev.pincer.agent.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per file path, shared by the tools that change files. Tool calls of one model turn run
 * in parallel, so two {@code Edit}s of the same file would otherwise read, change and write it at
 * the same time and lose one change (or see a half-written file).
 */
final class FileLocks {

    private final ConcurrentHashMap<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T with(Path file, Callable<T> work) throws Exception {
        ReentrantLock lock = locks.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }
}
