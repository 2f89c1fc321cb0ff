package dev.pincer.host.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.sandbox.MountPlan;
import dev.pincer.host.sandbox.PincerHomeFixture;
import dev.pincer.host.sandbox.SandboxExit;
import dev.pincer.host.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seccomp filter in real sandboxes: the calls an escape needs fail with the filter's errno
 * (each errno differs from what the same call gives without the filter), while bash, perl and
 * the JVM with its loopback sockets keep working.
 */
class SeccompSandboxTest extends RealBwrapTest {
    /** perl syscall probes: each prints "name=<errno text>" or "name=ok". */
    static final String PROBES = """
            probe() { perl -e 'my $n = shift; my @a = map { 0 + $_ } @ARGV; my $r = syscall(shift @a, @a); print "$n=", ($r == -1 ? "$!" : "ok"), "\\n"' "$@"; }
            sock() { perl -e 'my $n = shift; print "$n=", (socket(S, $ARGV[0], $ARGV[1], $ARGV[2]) ? "ok" : "$!"), "\\n"' "$@"; }
            probe ptrace 101 0 0 0 0
            probe unshare_user 272 268435456
            probe mount 165 0 0 0 0 0
            probe keyctl 250 0 -3 0 0
            probe io_uring 425 1 0
            probe bpf 321 0 0 0
            probe clone3 435 0 0
            probe clone_newuser 56 268435473 0 0 0 0
            sock packet 17 3 0
            sock netlink 16 3 0
            sock raw 2 3 1
            sock unix 1 1 0
            sock inet 2 1 0
            sock inet6 10 2 0
            """;

    @Test
    void theSandboxRunsUnderTheFilterAndTheFilterFdDoesNotLeak() throws Exception {
        var r = fx.sh("family", false, "grep '^Seccomp:' /proc/self/status; ls /proc/self/fd | tr '\\n' ' '");
        assertThat(r.exit()).as(r.output()).isEqualTo(new SandboxExit.Exited(0));
        assertThat(r.lines().get(0)).matches("Seccomp:\\s+2");
        assertThat(r.lines().get(1).split(" ")).doesNotContain("9");
    }

    @Test
    void escapeSyscallsAndNonInetSocketsFailWithTheFiltersErrno() throws Exception {
        var r = fx.sh("family", false, PROBES);
        assertThat(r.exit()).as(r.output()).isEqualTo(new SandboxExit.Exited(0));
        assertThat(r.lines()).contains(
                "ptrace=Operation not permitted",          // PTRACE_TRACEME succeeds without the filter
                "unshare_user=Operation not permitted",    // ENOSPC without (--disable-userns)
                "mount=Operation not permitted",           // EFAULT without
                "keyctl=Operation not permitted",          // succeeds without
                "io_uring=Operation not permitted",        // EFAULT without
                "bpf=Operation not permitted",             // EINVAL without
                "clone3=Function not implemented",         // EINVAL without; glibc falls back to clone
                "clone_newuser=Operation not permitted",
                "packet=Address family not supported by protocol", // EPERM without
                "netlink=Address family not supported by protocol", // succeeds without
                "raw=Operation not permitted",
                "unix=ok", "inet=ok", "inet6=ok");
    }

    @Test
    void withTheFilterOffTheSameProbesGetThroughSoTheTestAboveMeansSomething() throws Exception {
        fx.runtime.useSeccomp(false);
        var r = fx.sh("family", false, "grep '^Seccomp:' /proc/self/status; " + PROBES);
        assertThat(r.lines()).contains("ptrace=ok", "keyctl=ok", "netlink=ok").anyMatch(l -> l.matches("Seccomp:\\s+0"));
    }

    @Test
    void theJvmStillListensAndConnectsOnItsOwnLoopback() throws Exception {
        // what the agent's relay does: listen on 127.0.0.1, connect to it with HttpClient, and a Unix socket
        Path group = fx.home.resolve("groups/family");
        Files.writeString(group.resolve("Loop.java"), """
                import java.net.*; import java.net.http.*; import java.nio.channels.*;
                public class Loop { public static void main(String[] a) throws Exception {
                  var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 3128), 0);
                  server.createContext("/", ex -> { byte[] b = "pong".getBytes(); ex.sendResponseHeaders(200, b.length);
                    ex.getResponseBody().write(b); ex.close(); });
                  server.start();
                  var res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:3128/")).build(),
                      HttpResponse.BodyHandlers.ofString());
                  System.out.println("http=" + res.body());
                  var path = java.nio.file.Path.of("/tmp/u.sock");
                  try (var uds = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    uds.bind(UnixDomainSocketAddress.of(path));
                    try (var c = SocketChannel.open(UnixDomainSocketAddress.of(path))) { System.out.println("unix=ok"); }
                  }
                  System.out.println("host=" + InetAddress.getLocalHost());
                  server.stop(0);
                }}
                """);
        MountPlan plan = fx.plan("family", false);
        List<String> argv = List.of(plan.javaHome() + "/bin/java", "-Xmx64m", "-XX:-UsePerfData", "Loop.java");
        var r = fx.run(SandboxSpec.of(plan, argv, PincerHomeFixture.env(), Duration.ofSeconds(60), fx.logs.resolve("loop.log")));
        assertThat(r.exit()).as(r.output()).isEqualTo(new SandboxExit.Exited(0));
        assertThat(r.lines()).contains("http=pong", "unix=ok").anyMatch(l -> l.startsWith("host=sandbox/"));
    }
}
