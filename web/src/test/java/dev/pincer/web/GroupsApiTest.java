package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class GroupsApiTest extends WebHostTest {

    @Test
    void listsTheMainGroupWithTheContractFields() throws Exception {
        HttpResponse<String> r = host.get("/api/groups");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"groups\":[{\"chat\":\"web:main\",\"name\":\"Main\",\"folder\":\"main\","
                + "\"trigger\":\"@Andy\",\"requiresTrigger\":false,\"isMain\":true,\"lastActivity\":null,\"sandbox\":\"idle\","
                + "\"channel\":\"web\"}]}");
    }

    @Test
    void registersListsAndRemovesAGroup() throws Exception {
        HttpResponse<String> created = host.post("/api/groups",
                "{\"chat\":\"web:family\",\"name\":\"Family\",\"folder\":\"family\",\"trigger\":\"@Bob\",\"requiresTrigger\":false}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"chat\":\"web:family\",\"name\":\"Family\",\"folder\":\"family\","
                + "\"trigger\":\"@Bob\",\"requiresTrigger\":false,\"isMain\":false,\"lastActivity\":null,\"sandbox\":\"idle\","
                + "\"channel\":\"web\"}");
        assertThat(dir.resolve("groups/family/CLAUDE.md")).exists();

        JsonNode list = TestHost.json(host.get("/api/groups")).get("groups");
        assertThat(list).extracting(g -> g.get("folder").asText()).containsExactly("main", "family");
        assertThat(host.say("family", "hello family")).isEqualTo(1);
        assertThat(host.woken).containsExactly("family");

        HttpResponse<String> removed = host.delete("/api/groups/family");
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(removed.body()).isEmpty();
        assertThat(host.groups.byFolder("family")).isEmpty();
        assertThat(host.post("/api/chats/family/messages", "{\"text\":\"hi\"}").statusCode()).isEqualTo(404);
        assertThat(host.delete("/api/groups/family").statusCode()).isEqualTo(404);
    }

    @Test
    void appliesDefaultsForTriggerAndRequiresTrigger() throws Exception {
        HttpResponse<String> r = host.post("/api/groups", "{\"chat\":\"tg:-100123\",\"name\":\"Book club\",\"folder\":\"books\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode g = TestHost.json(r);
        assertThat(g.get("trigger").asText()).isEqualTo("@Andy");
        assertThat(g.get("requiresTrigger").asBoolean()).isTrue();
        assertThat(g.get("isMain").asBoolean()).isFalse();
        assertThat(host.groups.byJid("tg:-100123")).hasValueSatisfying(s -> assertThat(s.trigger().required()).isTrue());
    }

    @Test
    void invalidFieldsAre400AndRegisterNothing() throws Exception {
        String[] bodies = {
            "{\"chat\":\"web:family\",\"name\":\"F\",\"folder\":\"../etc\"}",
            "{\"chat\":\"web:family\",\"name\":\"F\",\"folder\":\"Family\"}",
            "{\"chat\":\"web:family\",\"name\":\"F\",\"folder\":\"-family\"}",
            "{\"chat\":\"web:family\",\"name\":\"F\",\"folder\":\"" + "f".repeat(65) + "\"}",
            "{\"chat\":\"web:family\",\"name\":\"F\",\"folder\":\"global\"}",
            "{\"chat\":\"web:family\",\"name\":\"F\"}",
            "{\"name\":\"F\",\"folder\":\"family\"}",
            "{\"chat\":\"family\",\"name\":\"F\",\"folder\":\"family\"}",
            "{\"chat\":\"web:Family Room\",\"name\":\"F\",\"folder\":\"family\"}",
            "{\"chat\":\"web:family\",\"name\":\"F\",\"folder\":\"family\",\"requiresTrigger\":\"yes\"}",
            "{\"chat\":\"web:family\",\"name\":\"F\",\"folder\":\"family\",\"trigger\":1}",
            "{\"chat\":\"web:family\",\"name\":\"F\",\"folder\":\"family\",\"isMain\":true}",
            "{\"chat\":\"web:family\",\"name\":\"" + "n".repeat(201) + "\",\"folder\":\"family\"}",
            "[1]",
        };
        for (String body : bodies) {
            HttpResponse<String> r = host.post("/api/groups", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(TestHost.json(r).get("error").asText()).isNotBlank();
        }
        assertThat(host.groups.all()).hasSize(1);
        assertThat(dir.resolve("groups/family")).doesNotExist();
    }

    @Test
    void takenChatOrFolderIs409() throws Exception {
        assertThat(host.post("/api/groups", "{\"chat\":\"web:family\",\"name\":\"Family\",\"folder\":\"family\"}")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> sameFolder = host.post("/api/groups", "{\"chat\":\"web:other\",\"name\":\"O\",\"folder\":\"family\"}");
        assertThat(sameFolder.statusCode()).isEqualTo(409);
        assertThat(TestHost.json(sameFolder).get("error").asText()).contains("family");
        HttpResponse<String> sameChat = host.post("/api/groups", "{\"chat\":\"web:family\",\"name\":\"O\",\"folder\":\"other\"}");
        assertThat(sameChat.statusCode()).isEqualTo(409);
        assertThat(host.post("/api/groups", "{\"chat\":\"web:main\",\"name\":\"M\",\"folder\":\"main2\"}").statusCode())
                .isEqualTo(409);
        assertThat(host.groups.all()).extracting(g -> g.folder()).containsExactly("main", "family");
    }

    @Test
    void removingMainIs409AndABadFolderIs400() throws Exception {
        HttpResponse<String> main = host.delete("/api/groups/main");
        assertThat(main.statusCode()).isEqualTo(409);
        assertThat(TestHost.json(main).get("error").asText()).contains("main");
        assertThat(host.delete("/api/groups/Bad").statusCode()).isEqualTo(400);
        assertThat(host.delete("/api/groups/%2e%2e").statusCode()).isEqualTo(400);
        assertThat(host.delete("/api/groups/nobody").statusCode()).isEqualTo(404);
        assertThat(host.groups.all()).hasSize(1);
    }
}
