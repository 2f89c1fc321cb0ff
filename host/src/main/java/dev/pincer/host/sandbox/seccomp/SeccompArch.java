package dev.pincer.host.sandbox.seccomp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The syscall numbers the agent's seccomp filter needs, per architecture. x86_64 numbers are from
 * {@code /usr/include/x86_64-linux-gnu/asm/unistd_64.h}, aarch64 numbers from
 * {@code /usr/include/asm-generic/unistd.h} (both checked on Debian 12, kernel headers 6.1).
 *
 * @param name         the JVM's {@code os.arch} for it
 * @param auditArch    {@code AUDIT_ARCH_*}, compared with {@code seccomp_data.arch}
 * @param x32          whether the kernel also accepts x32 ABI calls (nr | 0x40000000), which are refused
 * @param denied       syscalls that fail with EPERM, name to number
 * @param checked      the syscalls the filter looks at more closely
 */
record SeccompArch(String name, int auditArch, boolean x32, Map<String, Integer> denied, Checked checked) {

    /**
     * @param clone3  {@code clone3}: fails with ENOSYS so glibc falls back to {@code clone}
     * @param cloneNr {@code clone}: refused (EPERM) when its flags ask for a new namespace
     * @param socket  {@code socket}: only AF_UNIX, AF_INET and AF_INET6, never raw or packet
     */
    record Checked(int clone3, int cloneNr, int socket) {}

    static final int AUDIT_ARCH_X86_64 = 0xc000003e;
    static final int AUDIT_ARCH_AARCH64 = 0xc00000b7;

    /** The names in the order the filter checks them; each arch gives the number of every one. */
    static final String[] DENIED = {
        "ptrace", "mount", "umount2", "pivot_root", "chroot", "unshare", "setns",
        "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd",
        "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
        "reboot", "swapon", "swapoff", "acct", "syslog",
        "open_by_handle_at", "name_to_handle_at", "process_vm_readv", "process_vm_writev",
        "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
        "io_uring_setup", "io_uring_enter", "io_uring_register",
    };

    static final SeccompArch X86_64 = new SeccompArch("amd64", AUDIT_ARCH_X86_64, true, numbers(
            101, 165, 166, 155, 161, 272, 308,  // ptrace mount umount2 pivot_root chroot unshare setns
            250, 248, 249, 321, 298, 323,       // keyctl add_key request_key bpf perf_event_open userfaultfd
            246, 320, 175, 313, 176,            // kexec_load kexec_file_load init_module finit_module delete_module
            169, 167, 168, 163, 103,            // reboot swapon swapoff acct syslog
            304, 303, 310, 311,                 // open_by_handle_at name_to_handle_at process_vm_readv/_writev
            428, 429, 430, 431, 432, 433, 442,  // open_tree move_mount fsopen fsconfig fsmount fspick mount_setattr
            425, 426, 427),                     // io_uring_setup io_uring_enter io_uring_register
            new Checked(435, 56, 41));          // clone3 clone socket

    static final SeccompArch AARCH64 = new SeccompArch("aarch64", AUDIT_ARCH_AARCH64, false, numbers(
            117, 40, 39, 41, 51, 97, 268,
            219, 217, 218, 280, 241, 282,
            104, 294, 105, 273, 106,
            142, 224, 225, 89, 116,
            265, 264, 270, 271,
            428, 429, 430, 431, 432, 433, 442,
            425, 426, 427),
            new Checked(435, 220, 198));

    /** The table for an {@code os.arch} value, if the filter knows that architecture. */
    static Optional<SeccompArch> forOsArch(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }

    private static Map<String, Integer> numbers(int... nrs) {
        if (nrs.length != DENIED.length) {
            throw new IllegalStateException("expected " + DENIED.length + " syscall numbers, got " + nrs.length);
        }
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < nrs.length; i++) {
            m.put(DENIED[i], nrs[i]);
        }
        return Collections.unmodifiableMap(m);
    }
}
