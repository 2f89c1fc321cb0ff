package dev.pincer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.agent.relay.UnixTestServer;
import dev.pincer.testkit.Reply;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path without a sandbox: no PINCER_LLM_BASE_URL, so the agent relays its loopback
 * port to the proxy socket and calls {@code /llm/v1/messages} through it. A stand-in "proxy" on
 * the socket forwards the bytes to the fake API.
 */
class AgentRelayTest {
    @TempDir
    Path tmp;

    @Test
    void talksToTheModelThroughTheProxySocket() throws Exception {
        try (AgentHarness h = new AgentHarness(tmp)) {
            Path socket = tmp.resolve("proxy.sock");
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            h.extraEnv.put("PINCER_LLM_BASE_URL", "");
            h.extraEnv.put("PINCER_PROXY_SOCKET", socket.toString());
            h.extraEnv.put("PINCER_PROXY_PORT", Integer.toString(port));
            h.fake.enqueue(Reply.toolUse("Bash", Map.of("command", "echo $HTTP_PROXY")), Reply.text("relayed"));

            ServerSocketChannel proxy = forwardTo(socket, h.fake.port());
            try {
                assertThat(h.run(AgentHarness.start("hi", null))).isEqualTo(Agent.OK);
            } finally {
                proxy.close();
            }

            assertThat(h.messages()).containsExactly("relayed");
            assertThat(h.fake.lastRequest().path()).isEqualTo("/llm/v1/messages");
            assertThat(h.fake.lastRequest().lastUserText()).isEqualTo("http://127.0.0.1:" + port);
        }
    }

    /** A Unix-socket server that pipes each connection to 127.0.0.1:{@code port}. */
    private static ServerSocketChannel forwardTo(Path socket, int port) throws Exception {
        return UnixTestServer.start(socket, in -> {
            Socket out = new Socket(InetAddress.getLoopbackAddress(), port);
            Thread.ofVirtual().start(() -> pipe(Channels.newInputStream(in), outputOf(out)));
            pipe(inputOf(out), Channels.newOutputStream(in));
        });
    }

    private static InputStream inputOf(Socket s) {
        try {
            return s.getInputStream();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static OutputStream outputOf(Socket s) {
        try {
            return s.getOutputStream();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static void pipe(InputStream in, OutputStream out) {
        try (in; out) {
            in.transferTo(out);
        } catch (Exception e) {
            // one side closed
        }
    }
}
