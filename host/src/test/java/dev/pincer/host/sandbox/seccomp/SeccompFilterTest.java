package dev.pincer.host.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.seccomp.SeccompFilter.Insn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeccompFilterTest {
    static final SeccompFilter X86 = SeccompFilter.of(SeccompArch.X86_64);

    @Test
    void checksTheArchitectureFirstAndKillsAnyOther() {
        List<Insn> p = X86.instructions();
        assertThat(p.get(0)).isEqualTo(new Insn((short) 0x20, 0, 0, 4));              // A = seccomp_data.arch
        assertThat(p.get(1)).isEqualTo(new Insn((short) 0x15, 1, 0, 0xc000003e));     // == AUDIT_ARCH_X86_64
        assertThat(p.get(2)).isEqualTo(new Insn((short) 0x06, 0, 0, 0x80000000));     // else KILL_PROCESS
        assertThat(p.get(3)).isEqualTo(new Insn((short) 0x20, 0, 0, 0));              // A = seccomp_data.nr
        assertThat(p.get(4)).isEqualTo(new Insn((short) 0x35, 0, 1, 0x40000000));     // x32 ABI
        assertThat(p.get(5)).isEqualTo(new Insn((short) 0x06, 0, 0, 0x00050001));     // ERRNO(EPERM)
        assertThat(p.get(p.size() - 1)).isEqualTo(new Insn((short) 0x06, 0, 0, 0x7fff0000)); // default ALLOW
    }

    @Test
    void deniesEachListedSyscallWithEpermAndClone3WithEnosys() {
        List<Insn> p = X86.instructions();
        assertThat(p).containsSequence(new Insn((short) 0x15, 0, 1, 101), new Insn((short) 0x06, 0, 0, 0x00050001)); // ptrace
        assertThat(p).containsSequence(new Insn((short) 0x15, 0, 1, 165), new Insn((short) 0x06, 0, 0, 0x00050001)); // mount
        assertThat(p).containsSequence(new Insn((short) 0x15, 0, 1, 272), new Insn((short) 0x06, 0, 0, 0x00050001)); // unshare
        assertThat(p).containsSequence(new Insn((short) 0x15, 0, 1, 425), new Insn((short) 0x06, 0, 0, 0x00050001)); // io_uring_setup
        assertThat(p).containsSequence(new Insn((short) 0x15, 0, 1, 435), new Insn((short) 0x06, 0, 0, 0x00050026)); // clone3
        assertThat(SeccompArch.X86_64.denied()).hasSize(SeccompArch.DENIED.length).containsEntry("bpf", 321)
                .containsEntry("process_vm_writev", 311).containsEntry("mount_setattr", 442);
        assertThat(SeccompArch.AARCH64.denied()).containsEntry("ptrace", 117).containsEntry("mount", 40);
    }

    @Test
    void socketsOutsideUnixAndInetFailWithEafnosupportAndRawSocketsWithEperm() {
        List<Insn> p = X86.instructions();
        int socket = p.indexOf(new Insn((short) 0x15, 0, 11, 41));
        assertThat(socket).isPositive();
        assertThat(p.subList(socket + 1, socket + 6)).containsExactly(
                new Insn((short) 0x20, 0, 0, 16),              // A = args[0] (domain, low half)
                new Insn((short) 0x15, 8, 0, 1),               // AF_UNIX -> allow
                new Insn((short) 0x15, 2, 0, 2),               // AF_INET -> type check
                new Insn((short) 0x15, 1, 0, 10),              // AF_INET6 -> type check
                new Insn((short) 0x06, 0, 0, 0x00050061));     // else ERRNO(EAFNOSUPPORT)
        assertThat(p.get(socket + 6)).isEqualTo(new Insn((short) 0x20, 0, 0, 24)); // A = args[1] (type)
    }

    @Test
    void theBytesAreAFlatLittleEndianSockFilterArrayAndDeterministic() {
        byte[] bytes = X86.bytes();
        assertThat(bytes).hasSize(X86.instructions().size() * 8).isEqualTo(SeccompFilter.of(SeccompArch.X86_64).bytes());
        assertThat(X86.instructions()).hasSizeLessThan(256);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(8)).isEqualTo((short) 0x15);
        assertThat(b.get(10)).isEqualTo((byte) 1);
        assertThat(b.get(11)).isEqualTo((byte) 0);
        assertThat(b.getInt(12)).isEqualTo(0xc000003e);
        assertThat(bytes[12]).isEqualTo((byte) 0x3e); // low byte first
        // every jump lands inside the program
        List<Insn> p = X86.instructions();
        for (int i = 0; i < p.size(); i++) {
            if ((p.get(i).code() & 0x07) == 0x05) {
                assertThat(i + 1 + Math.max(p.get(i).jt(), p.get(i).jf())).as("jump at %d", i).isLessThan(p.size());
            }
        }
        assertThat(SeccompFilter.of(SeccompArch.AARCH64).instructions().get(1).k()).isEqualTo(0xc00000b7);
        assertThat(SeccompArch.forOsArch("amd64")).contains(SeccompArch.X86_64);
        assertThat(SeccompArch.forOsArch("riscv64")).isEmpty();
    }
}
