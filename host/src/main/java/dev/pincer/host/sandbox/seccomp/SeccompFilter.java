package dev.pincer.host.sandbox.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's seccomp filter as a classic BPF program ({@code struct sock_filter[]}, 8 bytes per
 * instruction, little-endian), which bwrap loads from {@code --seccomp FD}. Default allow; the
 * arch is checked first (another ABI kills the process), x32 calls fail, the syscalls of
 * {@link SeccompArch#DENIED} fail with EPERM, {@code clone3} with ENOSYS (glibc then uses
 * {@code clone}), {@code clone} asking for a namespace with EPERM, and {@code socket} outside
 * AF_UNIX/AF_INET/AF_INET6 with EAFNOSUPPORT (raw and packet sockets with EPERM). The sandbox's
 * network namespace has only {@code lo}, so INET sockets reach nothing but the sandbox itself —
 * and the agent needs them for its relay on 127.0.0.1.
 */
public final class SeccompFilter {
    // seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6] (low half first)
    static final int OFF_NR = 0;
    static final int OFF_ARCH = 4;
    static final int OFF_ARG0 = 16;
    static final int OFF_ARG1 = 24;

    // classic BPF opcodes
    static final short LD_W_ABS = 0x20;
    static final short JEQ_K = 0x15;
    static final short JGE_K = 0x35;
    static final short JSET_K = 0x45;
    static final short AND_K = 0x54;
    static final short RET_K = 0x06;

    static final int RET_KILL_PROCESS = 0x80000000;
    static final int RET_ERRNO = 0x00050000;
    static final int RET_ALLOW = 0x7fff0000;

    static final int EPERM = 1;
    static final int ENOSYS = 38;
    static final int EAFNOSUPPORT = 97;

    static final int X32_SYSCALL_BIT = 0x40000000;
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_TYPE_MASK = 0xf;
    static final int SOCK_RAW = 3;
    static final int SOCK_PACKET = 10;
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET (as Docker's default profile). */
    static final int CLONE_NAMESPACE_FLAGS = 0x7e020000;

    /** One {@code struct sock_filter}. */
    record Insn(short code, int jt, int jf, int k) {
        Insn {
            if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
                throw new IllegalArgumentException("jump offset out of range: " + jt + "/" + jf);
            }
        }
    }

    private final List<Insn> program;

    private SeccompFilter(List<Insn> program) {
        this.program = List.copyOf(program);
    }

    /** The filter for the JVM's own architecture ({@code os.arch}), if there is one. */
    public static Optional<SeccompFilter> forThisMachine() {
        return SeccompArch.forOsArch(System.getProperty("os.arch", "")).map(SeccompFilter::of);
    }

    static SeccompFilter of(SeccompArch arch) {
        List<Insn> p = new ArrayList<>();
        p.add(load(OFF_ARCH));
        p.add(jump(JEQ_K, arch.auditArch(), 1, 0));
        p.add(ret(RET_KILL_PROCESS));
        p.add(load(OFF_NR));
        if (arch.x32()) {
            p.add(jump(JGE_K, X32_SYSCALL_BIT, 0, 1));
            p.add(errno(EPERM));
        }
        for (Map.Entry<String, Integer> e : arch.denied().entrySet()) {
            p.add(jump(JEQ_K, e.getValue(), 0, 1));
            p.add(errno(EPERM));
        }
        p.add(jump(JEQ_K, arch.checked().clone3(), 0, 1));
        p.add(errno(ENOSYS));
        // clone: the new-namespace flags in args[0]
        p.add(jump(JEQ_K, arch.checked().cloneNr(), 0, 4));
        p.add(load(OFF_ARG0));
        p.add(jump(JSET_K, CLONE_NAMESPACE_FLAGS, 0, 1));
        p.add(errno(EPERM));
        p.add(ret(RET_ALLOW));
        // socket(domain = args[0], type = args[1], protocol)
        p.add(jump(JEQ_K, arch.checked().socket(), 0, 11));
        p.add(load(OFF_ARG0));
        p.add(jump(JEQ_K, AF_UNIX, 8, 0));
        p.add(jump(JEQ_K, AF_INET, 2, 0));
        p.add(jump(JEQ_K, AF_INET6, 1, 0));
        p.add(errno(EAFNOSUPPORT));
        p.add(load(OFF_ARG1));
        p.add(alu(AND_K, SOCK_TYPE_MASK));
        p.add(jump(JEQ_K, SOCK_RAW, 1, 0));
        p.add(jump(JEQ_K, SOCK_PACKET, 0, 1));
        p.add(errno(EPERM));
        p.add(ret(RET_ALLOW));
        p.add(ret(RET_ALLOW)); // every other syscall
        return new SeccompFilter(p);
    }

    List<Insn> instructions() {
        return program;
    }

    /** The program as bwrap reads it from {@code --seccomp FD}. */
    public byte[] bytes() {
        ByteBuffer buf = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (Insn i : program) {
            buf.putShort(i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        }
        return buf.array();
    }

    private static Insn load(int offset) {
        return new Insn(LD_W_ABS, 0, 0, offset);
    }

    private static Insn jump(short code, int k, int jt, int jf) {
        return new Insn(code, jt, jf, k);
    }

    private static Insn alu(short code, int k) {
        return new Insn(code, 0, 0, k);
    }

    private static Insn ret(int action) {
        return new Insn(RET_K, 0, 0, action);
    }

    private static Insn errno(int errno) {
        return ret(RET_ERRNO | errno);
    }
}
