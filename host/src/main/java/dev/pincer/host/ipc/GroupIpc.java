package dev.pincer.host.ipc;

import dev.pincer.host.config.Layout;
import java.nio.file.Path;

/**
 * Where one group's IPC lives on the host.
 *
 * @param folder the group, the only identity a file has
 * @param root   {@code data/ipc/<folder>}, which the sandbox sees (and writes) as {@code /workspace/ipc}
 * @param work   {@code data/ipc-work/<folder>}, host-only: what the sandbox wrote is moved here before it is read
 * @param errors {@code data/ipc-errors}, where bad and stale files are moved aside
 */
public record GroupIpc(String folder, Path root, Path work, Path errors) {

    public static GroupIpc of(Layout layout, String folder) {
        return new GroupIpc(folder, layout.ipcDir(folder), layout.ipcWorkDir(folder), layout.ipcErrorsDir());
    }

    /** A subfolder the host writes ({@code input/}, {@code responses/}) or clears. */
    public IpcDir dir(String sub) {
        return new IpcDir(root, sub);
    }

    /** A subfolder the sandbox writes and the host reads ({@code output/}, {@code requests/}). */
    public IpcInbox inbox(String sub) {
        return new IpcInbox(dir(sub), work.resolve(sub));
    }
}
