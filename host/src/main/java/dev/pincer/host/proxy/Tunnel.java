package dev.pincer.host.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes both ways between the sandbox's connection and a TCP connection to a checked address,
 * until either side ends or nothing moves for the idle timeout.
 */
final class Tunnel {
    private Tunnel() {}

    /** What crossed a tunnel: {@code in} from the sandbox, {@code out} to it. */
    record Counts(long in, long out, String outcome) {}

    /**
     * Connects to the first of {@code addresses} that answers; never resolves a name again.
     *
     * @throws ProxyRefusal 502/504 (audited as allowed: the policy let it through) when none answers
     */
    static Socket connect(List<InetAddress> addresses, int port, Duration timeout) throws ProxyRefusal {
        String last = "no address";
        for (InetAddress a : addresses) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(a, port), (int) timeout.toMillis());
                s.setTcpNoDelay(true);
                return s;
            } catch (java.net.SocketTimeoutException e) {
                close(s);
                last = "timed out";
            } catch (IOException e) {
                close(s);
                last = e.getClass().getSimpleName();
            }
        }
        return failed(last, port);
    }

    private static Socket failed(String why, int port) throws ProxyRefusal {
        if (why.equals("timed out")) {
            throw new ProxyRefusal(504, "the destination did not accept the connection in time", true);
        }
        throw new ProxyRefusal(502, "cannot connect to the destination port " + port + " (" + why + ")", true);
    }

    /**
     * Relays until the destination closes, the sandbox closes, or {@code idle} passes without a byte.
     * When the sandbox half-closes, the destination's write side is shut down and its answer still relayed.
     */
    static Counts relay(InputStream fromSandbox, OutputStream toSandbox, Socket upstream, Duration idle)
            throws IOException {
        AtomicLong last = new AtomicLong(System.nanoTime());
        AtomicLong in = new AtomicLong();
        AtomicLong out = new AtomicLong();
        InputStream fromUpstream = upstream.getInputStream();
        OutputStream toUpstream = upstream.getOutputStream();
        Thread up = Thread.ofVirtual().name("egress-tunnel-up").start(() -> {
            try {
                pump(fromSandbox, toUpstream, in, last);
                upstream.shutdownOutput();
            } catch (IOException e) {
                close(upstream);
            }
        });
        Thread down = Thread.ofVirtual().name("egress-tunnel-down").start(() -> {
            try {
                pump(fromUpstream, toSandbox, out, last);
            } catch (IOException e) {
                // either side went away; the tunnel ends
            }
        });
        String outcome = "ok";
        try {
            while (down.isAlive()) {
                down.join(Math.min(1000, idle.toMillis()));
                if (down.isAlive() && System.nanoTime() - last.get() > idle.toNanos()) {
                    outcome = "closed after " + idle.toSeconds() + " s without traffic";
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "the proxy is shutting down";
        } finally {
            close(upstream);
            up.interrupt();
        }
        return new Counts(in.get(), out.get(), outcome);
    }

    private static void pump(InputStream from, OutputStream to, AtomicLong count, AtomicLong last) throws IOException {
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = from.read(buf)) >= 0) {
            to.write(buf, 0, n);
            to.flush();
            count.addAndGet(n);
            last.set(System.nanoTime());
        }
    }

    static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
