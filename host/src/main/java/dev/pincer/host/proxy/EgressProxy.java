package dev.pincer.host.proxy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox's way out (docs/DESIGN.md section 6): an HTTP/1.1 server on the Unix socket
 * {@code <runDir>/proxy.sock}, which the sandbox sees as {@code /run/pincer/proxy.sock}.
 *
 * <p>Requests under {@code /llm/} are forwarded to the configured upstream with the real credential
 * injected (any credential the sandbox sends is dropped) and the response is streamed back as it
 * arrives, but only to the provider's inference endpoints, with an allowed model, while the
 * {@link LlmMeter}'s budgets last ({@link LlmForward}). CONNECT and absolute-form {@code http://} requests are general egress, decided by the
 * group's {@link EgressPolicy} against the resolved addresses and never given a credential; other
 * origin-form paths are refused. Every request is reported to the {@link EgressAuditor}.
 *
 * <p>The socket is created with mode 0666 and is reachable only through {@code runDir}, which
 * {@link #start()} sets to 0700 (the sandbox runtime gives it to the agent uid). The socket is bound
 * in {@code runDir}'s parent and renamed into place, so a sandbox that can write {@code runDir}
 * cannot race the chmod; the parent must therefore not be writable by any sandbox.
 */
public final class EgressProxy implements ProxyLauncher.Handle {
    private static final Logger log = LoggerFactory.getLogger(EgressProxy.class);

    public static final String SOCKET_NAME = "proxy.sock";
    /** Concurrent connections per sandbox; more are answered with 503. */
    public static final int MAX_CONNECTIONS = 64;

    private final String group;
    private final Path runDir;
    private final Path socketPath;
    private final ProxySettings settings;
    private final HttpClient http;
    private final boolean ownsHttp;
    private final Semaphore tunnels;
    private final Semaphore bufferKib;
    private final Semaphore permits = new Semaphore(MAX_CONNECTIONS);
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel server;
    private volatile boolean closed;

    /**
     * @param group the group folder (for the audit log)
     * @param runDir the group's socket directory ({@code data/run/<folder>}), created by the caller
     * @param settings the credential, the egress policy, limits and the auditor
     * @param http the client used for upstream calls (shared; see {@link #newHttpClient()}), or null for
     *             a client of its own, closed with the proxy
     */
    public EgressProxy(String group, Path runDir, ProxySettings settings, HttpClient http) {
        this.group = Objects.requireNonNull(group, "group");
        this.runDir = runDir.toAbsolutePath().normalize();
        this.socketPath = this.runDir.resolve(SOCKET_NAME);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ownsHttp = http == null;
        this.http = http == null ? newHttpClient() : http;
        this.tunnels = new Semaphore(settings.limits().maxTunnels());
        this.bufferKib = new Semaphore((int) (2 * settings.limits().maxBodyBytes() / 1024 + 2));
    }

    /** An HTTP/1.1 client that never follows redirects and never uses a system proxy. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(15))
                .build();
    }

    public Path socketPath() {
        return socketPath;
    }

    /** A new run (a batch of messages) starts in this proxy's sandbox: its per-run budgets start from zero. */
    public void beginRun(String runId) {
        settings.meter().beginRun(runId);
    }

    public boolean isRunning() {
        return server != null && server.isOpen();
    }

    /** Binds the socket (replacing a stale one) and starts accepting. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("egress proxy for group " + group + " already started");
        }
        if (!Files.isDirectory(runDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the socket directory " + runDir + " does not exist (or is a symlink); create it first");
        }
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        Path staging = runDir.getParent().resolve(".proxy-" + HexFormat.of().formatHex(random) + ".sock");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(staging));
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-rw-rw-"));
            Files.move(staging, socketPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(staging);
            throw new IOException("cannot create the egress proxy socket " + socketPath + ": " + e.getMessage(), e);
        }
        server = channel;
        Thread.ofVirtual().name("egress-proxy-" + group).start(this::acceptLoop);
        log.info("egress proxy for group {} listening on {} (LLM upstream {}, egress {})", group, socketPath,
                settings.credentials().upstream(), settings.policy());
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                log.error("egress proxy for group {} failed to accept a connection", group, e);
                pause();
                continue;
            }
            Thread.ofVirtual().name("egress-" + group).start(() -> serve(channel));
        }
    }

    private void serve(SocketChannel channel) {
        open.add(channel);
        boolean admitted = permits.tryAcquire();
        try (channel) {
            if (!admitted) {
                Responses.text(ChannelStreams.out(channel), 503, "too many concurrent connections");
                return;
            }
            new ProxyConnection(group, settings, http, tunnels, bufferKib).serve(channel);
        } catch (IOException e) {
            log.debug("egress connection of group {} closed with {}", group, e.toString());
        } finally {
            open.remove(channel);
            if (admitted) {
                permits.release();
            }
        }
    }

    /** Stops accepting, closes open connections and removes the socket file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
            for (SocketChannel c : open) {
                c.close();
            }
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            log.warn("egress proxy for group {} did not close cleanly: {}", group, e.toString());
        } finally {
            if (ownsHttp) {
                http.shutdownNow();
            }
        }
        log.info("egress proxy for group {} closed", group);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
