package dev.pincer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire shape of host tool calls and follow-up messages. */
class HostProtocolTest {

    @Test
    void requestsAndResponsesRoundTripWithTheirTypeNames() throws Exception {
        String id = HostRequest.newId();
        HostRequest req = new HostRequest(id, "send_message", Json.MAPPER.readTree("{\"text\":\"hi\"}"));
        String json = Json.MAPPER.writeValueAsString(req);
        assertThat(Json.MAPPER.readValue(json, HostRequest.class)).isEqualTo(req);

        String ok = Json.MAPPER.writerFor(HostResponse.class).writeValueAsString(
                new HostResponse.Ok(id, Json.MAPPER.readTree("{\"sent\":true}")));
        assertThat(ok).contains("\"type\":\"ok\"");
        assertThat(Json.MAPPER.readValue(ok, HostResponse.class)).isInstanceOf(HostResponse.Ok.class);
        String error = Json.MAPPER.writerFor(HostResponse.class).writeValueAsString(new HostResponse.Error(id, "refused: no"));
        assertThat(Json.MAPPER.readValue(error, HostResponse.class)).isEqualTo(new HostResponse.Error(id, "refused: no"));
    }

    @Test
    void theFileNameIsTheId() {
        String id = HostRequest.newId();
        assertThat(HostRequest.idOf(HostRequest.fileName(id))).isEqualTo(id);
        assertThat(HostRequest.idOf("evil.json")).isNull();
        assertThat(HostRequest.idOf(id + ".json.tmp")).isNull();
        assertThatThrownBy(() -> HostRequest.fileName("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HostTool.byWireName("register_group")).contains(HostTool.REGISTER_GROUP);
        assertThat(HostTool.byWireName("rm_rf")).isEmpty();
    }

    @Test
    void aFollowUpCarriesItsBatchIdAndOldFilesStillParse() throws Exception {
        String json = Json.MAPPER.writerFor(AgentInput.class).writeValueAsString(new AgentInput.Message("<messages/>", "run-2"));
        assertThat(Json.MAPPER.readValue(json, AgentInput.class)).isEqualTo(new AgentInput.Message("<messages/>", "run-2"));
        assertThat(Json.MAPPER.readValue("{\"type\":\"message\",\"text\":\"hi\"}", AgentInput.class))
                .isEqualTo(new AgentInput.Message("hi"));
    }

    @Test
    void writingANamedFileRefusesNamesThatAreNotIpcNames(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> IpcFiles.write(dir, "../escape.json", "x")).isInstanceOf(IllegalArgumentException.class);
        String name = IpcFiles.newName();
        IpcFiles.write(dir, name, "x");
        assertThat(dir.resolve(name)).hasContent("\"x\"");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no .tmp left behind").hasSize(1);
        }
    }
}
