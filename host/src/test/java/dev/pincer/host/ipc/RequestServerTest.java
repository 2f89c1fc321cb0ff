package dev.pincer.host.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.hosttools.HostIpcFixture;
import dev.pincer.host.store.AuditLog;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile sandbox can put into {@code requests/}, and what the host does with it. */
class RequestServerTest {

    @TempDir
    Path home;
    HostIpcFixture host;
    RequestServer server;

    @BeforeEach
    void start() throws Exception {
        host = new HostIpcFixture(home);
        server = host.serve("family", RequestServer.DEFAULT_LIMIT);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    /** Drops a finished file into requests/ the way an agent can (tmp, then rename). */
    private String drop(byte[] bytes) throws Exception {
        String id = HostRequest.newId();
        put(id, bytes);
        return id;
    }

    /** Writes a request file the way an agent does: complete before it appears under its name. */
    private void put(String id, byte[] bytes) throws Exception {
        Path tmp = host.requests("family").resolve(id + ".json.tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, host.requests("family").resolve(id + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private HostResponse.Error rejected(String id) throws Exception {
        HostResponse r = host.awaitResponse("family", id);
        assertThat(r).isInstanceOf(HostResponse.Error.class);
        assertThat(host.layout.ipcErrorsDir().resolve("family-" + id + ".json")).as("moved aside").exists();
        assertThat(host.requests("family").resolve(id + ".json")).doesNotExist();
        return (HostResponse.Error) r;
    }

    private List<AuditLog.Entry> audits(String kind) {
        return host.audit.recent(10_000).stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Test
    void aGoodRequestGetsExactlyOneResponseAndIsRemoved() throws Exception {
        HostResponse r = host.call("family", "list_tasks", Map.of());
        assertThat(r).isInstanceOf(HostResponse.Ok.class);
        assertThat(host.requests("family")).isEmptyDirectory();
        assertThat(host.responses("family")).isEmptyDirectory();
    }

    @Test
    void anOversizedRequestIsRejectedUnread() throws Exception {
        byte[] big = new byte[(int) IpcFiles.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        String id = drop(big);
        assertThat(rejected(id).reason()).contains("limit is " + IpcFiles.MAX_BYTES);
        assertThat(audits("ipc-request")).singleElement().satisfies(e -> assertThat(e.verdict()).isEqualTo("rejected"));
    }

    @Test
    void invalidJsonUnknownToolsWrongIdsAndNonObjectArgsAreRejected() throws Exception {
        String badJson = drop("{\"id\": ".getBytes());
        assertThat(rejected(badJson).reason()).startsWith("request rejected: unreadable");

        String unknown = HostRequest.newId();
        put(unknown, Json.MAPPER.writeValueAsBytes(new HostRequest(unknown, "rm_rf", Json.MAPPER.createObjectNode())));
        assertThat(rejected(unknown).reason()).contains("unknown tool 'rm_rf'").contains("send_message");

        String otherId = drop(Json.MAPPER.writeValueAsBytes(new HostRequest(HostRequest.newId(), "list_tasks", null)));
        assertThat(rejected(otherId).reason()).contains("does not match");

        String id = HostRequest.newId();
        put(id, ("{\"id\":\"" + id + "\",\"tool\":\"list_tasks\",\"args\":[1,2]}").getBytes());
        assertThat(rejected(id).reason()).contains("args must be a JSON object");

        assertThat(audits("ipc-request")).hasSize(4).allSatisfy(e -> {
            assertThat(e.folder()).isEqualTo("family");
            assertThat(e.verdict()).isEqualTo("rejected");
        });
        assertThat(audits("host-tool")).as("nothing was dispatched").isEmpty();
    }

    @Test
    void aSymlinkedRequestIsNotFollowed() throws Exception {
        Path secret = Files.writeString(home.resolve("host-secret.json"), "{\"id\":\"x\",\"tool\":\"list_groups\"}");
        String id = HostRequest.newId();
        Files.createSymbolicLink(host.requests("family").resolve(id + ".json"), secret);

        assertThat(rejected(id).reason()).contains("symbolic link");
        assertThat(secret).hasContent("{\"id\":\"x\",\"tool\":\"list_groups\"}");
        assertThat(Files.isSymbolicLink(host.layout.ipcErrorsDir().resolve("family-" + id + ".json"))).isTrue();
        assertThat(audits("host-tool")).isEmpty();
    }

    @Test
    void aFifoSocketDeviceOrFolderInPlaceOfARequestIsAnsweredUnopenedAndTheNextRequestIsServed() throws Exception {
        Map<String, String> planted = new java.util.LinkedHashMap<>(); // id -> what the answer must say
        String fifo = HostRequest.newId();
        Planted.fifo(host.requests("family").resolve(fifo + ".json"));
        planted.put(fifo, "a FIFO");
        String socket = HostRequest.newId();
        Planted.socket(host.requests("family").resolve(socket + ".json"));
        planted.put(socket, "a socket");
        String folder = HostRequest.newId();
        Files.createDirectory(host.requests("family").resolve(folder + ".json"));
        planted.put(folder, "a folder");
        String device = HostRequest.newId();
        if (Planted.device(host.requests("family").resolve(device + ".json")) != null) {
            planted.put(device, "a character device");
        }
        for (var e : planted.entrySet()) {
            assertThat(rejected(e.getKey()).reason()).as(e.getValue()).contains("not a regular file but " + e.getValue());
        }
        assertThat(host.call("family", "list_tasks", Map.of())).isInstanceOf(HostResponse.Ok.class);
        assertThat(audits("ipc-request")).hasSize(planted.size());
        assertThat(audits("host-tool")).hasSize(1);
    }

    @Test
    void aFileWithoutAnIdIsMovedAsideAndAuditedButTmpFilesAreLeftAlone() throws Exception {
        Files.writeString(host.requests("family").resolve("evil.json"), "{}");
        Files.writeString(host.requests("family").resolve("123-abcdefab.json.tmp"), "{");
        server.drain();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(host.layout.ipcErrorsDir().resolve("family-evil.json")));
        assertThat(audits("ipc-request")).singleElement().satisfies(e -> assertThat(e.detail()).contains("no id"));
        assertThat(host.requests("family").resolve("123-abcdefab.json.tmp")).exists();
        assertThat(host.responses("family")).isEmptyDirectory();
    }

    @Test
    void aResponseFolderSwappedForALinkIsNotWrittenThrough() throws Exception {
        Path outside = Files.createDirectories(home.resolve("outside"));
        Path responses = host.responses("family");
        Files.delete(responses);
        Files.createSymbolicLink(responses, outside);

        String id = HostRequest.newId();
        IpcFiles.write(host.requests("family"), HostRequest.fileName(id), new HostRequest(id, "list_tasks", null));

        await().atMost(Duration.ofSeconds(5)).until(() -> !audits("ipc-response").isEmpty());
        assertThat(outside).isEmptyDirectory();
        assertThat(audits("ipc-response")).singleElement().satisfies(e -> assertThat(e.verdict()).isEqualTo("failed"));

        server.clearStale(); // what the runner does before the next sandbox
        assertThat(Files.isSymbolicLink(responses)).isFalse();
        assertThat(responses).isDirectory();
        assertThat(outside).exists();
    }

    @Test
    void whatAnEarlierSandboxLeftIsClearedFoldersAndLinksIncluded() throws Exception {
        server.close();
        Path planted = Files.createDirectories(host.requests("family").resolve("00000000000000000001-0123456789.json"));
        Files.createSymbolicLink(host.requests("family").resolve("link"), home);
        Files.writeString(host.responses("family").resolve("old.json"), "{}");

        host.serve("family", 10); // what the runner does before the next sandbox starts

        assertThat(host.requests("family")).isEmptyDirectory();
        assertThat(host.responses("family")).isEmptyDirectory();
        assertThat(planted).doesNotExist();
        assertThat(home).isDirectory();
        assertThat(host.call("family", "list_tasks", Map.of())).isInstanceOf(HostResponse.Ok.class);
    }

    @Test
    void aFloodIsCutOffAtTheLimitCheaplyAndAuditedOnce() throws Exception {
        int over = 50;
        int total = RequestServer.DEFAULT_LIMIT + over;
        List<String> ids = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            String id = HostRequest.newId();
            // Written while the server runs: it must keep up and answer each exactly once.
            IpcFiles.write(host.requests("family"), HostRequest.fileName(id), new HostRequest(id, "list_tasks", null));
            ids.add(id);
        }
        int ok = 0;
        int refused = 0;
        for (String id : ids) {
            switch (host.awaitResponse("family", id)) {
                case HostResponse.Ok o -> ok++;
                case HostResponse.Error e -> {
                    assertThat(e.reason()).contains("too many host requests");
                    refused++;
                }
            }
        }
        System.out.printf("%d requests answered in %d ms%n", total, (System.nanoTime() - started) / 1_000_000);
        assertThat(ok).isEqualTo(RequestServer.DEFAULT_LIMIT);
        assertThat(refused).isEqualTo(over);
        assertThat(host.requests("family")).isEmptyDirectory();
        assertThat(audits("host-tool")).hasSize(RequestServer.DEFAULT_LIMIT);
        assertThat(audits("ipc-request")).singleElement().satisfies(e -> assertThat(e.verdict()).isEqualTo("refused"));

        server.newBatch(); // the next message gives the agent a new allowance
        assertThat(host.call("family", "list_tasks", Map.of())).isInstanceOf(HostResponse.Ok.class);
        server.close();
        assertThat(audits("ipc-request")).hasSize(2).first()
                .satisfies(e -> assertThat(e.detail()).contains(over + " requests over the limit"));
    }
}
