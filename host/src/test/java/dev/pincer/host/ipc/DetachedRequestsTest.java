package dev.pincer.host.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pincer.host.config.Layout;
import dev.pincer.host.store.AuditLog;
import dev.pincer.host.store.Database;
import dev.pincer.protocol.HostRequest;
import dev.pincer.protocol.HostResponse;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.IpcFiles;
import dev.pincer.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call that takes as long as a teammate's run is carried out on a thread of its own: it holds up
 * neither the sandbox's other requests nor another such call, and it is interrupted when the
 * sandbox's server closes.
 */
class DetachedRequestsTest {

    @TempDir Path home;

    @Test
    void longCallsRunSideBySideAndDoNotHoldUpTheOthers() throws Exception {
        AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
        AtomicInteger waiting = new AtomicInteger();
        RequestHandler handler = new RequestHandler() {
            @Override
            public HostResponse handle(String folder, HostTool tool, HostRequest request) {
                if (tool != HostTool.START_TEAMMATE) {
                    return new HostResponse.Ok(request.id(), Json.MAPPER.createObjectNode().put("quick", true));
                }
                CountDownLatch mine = gate.get();
                waiting.incrementAndGet();
                try {
                    boolean released = mine.await(30, TimeUnit.SECONDS);
                    return new HostResponse.Ok(request.id(), Json.MAPPER.createObjectNode().put("released", released));
                } catch (InterruptedException e) {
                    return new HostResponse.Error(request.id(), "interrupted");
                }
            }

            @Override
            public boolean detached(HostTool tool) {
                return tool == HostTool.START_TEAMMATE;
            }
        };
        Layout layout = new Layout(home);
        try (Database db = Database.open(layout.database())) {
            GroupIpc ipc = GroupIpc.of(layout, "family");
            for (String sub : new String[] {IpcFiles.REQUESTS, IpcFiles.RESPONSES}) {
                Files.createDirectories(ipc.root().resolve(sub));
            }
            RequestServer server = new RequestServer(ipc, handler, new AuditLog(db), RequestServer.DEFAULT_LIMIT);
            server.start();
            String first = drop(ipc, "start_teammate");
            String second = drop(ipc, "start_teammate");
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting.get() >= 2);
            String quick = drop(ipc, "list_tasks");
            assertThat(answer(ipc, quick)).isInstanceOf(HostResponse.Ok.class);
            assertThat(waiting).as("the folder was served again meanwhile; each long call is carried out once").hasValue(2);
            assertThat(ipc.root().resolve(IpcFiles.RESPONSES).resolve(HostRequest.fileName(first))).doesNotExist();

            gate.getAndSet(new CountDownLatch(1)).countDown();
            assertThat(answer(ipc, first).toString()).contains("\"released\":true");
            assertThat(answer(ipc, second).toString()).contains("\"released\":true");


            String third = drop(ipc, "start_teammate");
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting.get() >= 3);
            server.close();
            assertThat(answer(ipc, third)).as("the sandbox is gone: the call is interrupted")
                    .isEqualTo(new HostResponse.Error(third, "interrupted"));
        }
    }

    private static String drop(GroupIpc ipc, String tool) throws Exception {
        String id = HostRequest.newId();
        IpcFiles.write(ipc.root().resolve(IpcFiles.REQUESTS), HostRequest.fileName(id),
                new HostRequest(id, tool, Json.MAPPER.createObjectNode()));
        return id;
    }

    private static HostResponse answer(GroupIpc ipc, String id) throws Exception {
        Path file = ipc.root().resolve(IpcFiles.RESPONSES).resolve(HostRequest.fileName(id));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
        return Json.MAPPER.readValue(IpcFiles.read(file), HostResponse.class);
    }
}
