package dev.pincer.cli.hostile;

import static dev.pincer.cli.hostile.Hostile.assertNoSecret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.cli.Harness;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent tries to use the host's key for something other than its own inference: listing
 * models, uploading files, batches, the admin API, a model it was not given, a body over the cap.
 * The proxy refuses each from inside a real sandbox, and the provider never sees one.
 */
class KeyUseHostileTest {

    @TempDir static Path home;
    @TempDir static Path xdg;
    static Harness h;
    static Probes family;
    static int modelRequestsBefore;

    @BeforeAll
    static void attack() throws Exception {
        h = Hostile.start(home, xdg, Map.of());
        String curl = "curl -sS --max-time 30 -w '\\ncode=%{http_code}\\n' --noproxy '*' -H 'content-type: application/json' ";
        String llm = "http://127.0.0.1:3128/llm";
        String ok = "'{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'";
        modelRequestsBefore = h.model.requests().size();
        family = new Probes()
                .bash("listModels", curl + llm + "/v1/models 2>&1; echo end")
                .bash("getMessages", curl + llm + "/v1/messages 2>&1; echo end")
                .bash("uploadFile", curl + "-d " + ok + " " + llm + "/v1/files 2>&1; echo end")
                .bash("batch", curl + "-d " + ok + " " + llm + "/v1/messages/batches 2>&1; echo end")
                .bash("admin", curl + llm + "/v1/organizations/api_keys 2>&1; "
                        + curl + "-d " + ok + " " + llm + "/v1/organizations/invites 2>&1; echo end")
                .bash("otherModel", curl + "-d '{\"model\":\"claude-opus-4-1\",\"max_tokens\":5,\"messages\":[]}' "
                        + llm + "/v1/messages 2>&1; echo end")
                .bash("noModel", curl + "-d '{\"max_tokens\":5,\"messages\":[]}' " + llm + "/v1/messages 2>&1; echo end")
                .bash("bigBody", "head -c 34000000 /dev/zero | tr '\\0' a | " + curl + "-H 'Expect: 100-continue' "
                        + "--data-binary @- " + llm + "/v1/messages 2>&1 | tail -c 400; echo end");
        family.run(h, "family");
    }

    @AfterAll
    static void close() {
        if (h != null) {
            h.close();
        }
    }

    private static void assertRefused(String probe, String code, String message) throws Exception {
        String out = family.out(probe);
        assertNoSecret(h, probe, out);
        assertThat(out).contains(code).doesNotContain("code=200").contains("\"error\"").contains(message);
    }

    @Test
    void listingModelsAndReadingEndpointsIsRefused() throws Exception {
        assertRefused("listModels", "code=403", "GET /v1/models is not forwarded");
        assertRefused("getMessages", "code=403", "GET /v1/messages is not forwarded");
    }

    @Test
    void filesBatchesAndTheAdminApiAreRefused() throws Exception {
        assertRefused("uploadFile", "code=403", "POST /v1/files is not forwarded");
        assertRefused("batch", "code=403", "POST /v1/messages/batches is not forwarded");
        assertRefused("admin", "code=403", "/v1/organizations/");
        assertThat(family.out("admin")).doesNotContain("code=200").doesNotContain("code=404");
    }

    @Test
    void onlyTheConfiguredModelsMayBeCalled() throws Exception {
        assertRefused("otherModel", "code=403", "model 'claude-opus-4-1' is not allowed here");
        assertRefused("noModel", "code=400", "naming its \\\"model\\\"");
    }

    @Test
    void aBodyOverTheCapIsRefusedBeforeItIsRead() throws Exception {
        assertRefused("bigBody", "code=413", "over the cap of 33554432 bytes");
    }

    @Test
    void theProviderSawOnlyTheAgentsOwnTwoCalls() {
        assertThat(h.model.requests().size() - modelRequestsBefore).as("requests the fake provider received").isEqualTo(2);
        assertThat(h.pincer.audit().recent(200)).filteredOn(e -> e.kind().equals("egress") && e.verdict().equals("denied"))
                .hasSizeGreaterThanOrEqualTo(9);
    }
}
