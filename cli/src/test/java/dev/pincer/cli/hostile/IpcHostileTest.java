package dev.pincer.cli.hostile;

import static dev.pincer.cli.hostile.Hostile.assertNoSecret;
import static dev.pincer.cli.hostile.Hostile.request;
import static dev.pincer.cli.hostile.Hostile.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.Harness;
import dev.pincer.host.sandbox.HostSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent abuses the IPC folders and the files the host reads from its folders: host
 * tools naming another chat or group, request files that are symlinks to host secrets, oversized,
 * invalid or flooding; and symlinks planted where the host reads or writes ({@code output/},
 * {@code responses/}, {@code CLAUDE.md}, entries the host hands to the agent uid). The host must
 * answer, move aside and audit, deliver nothing, and never follow a link to a host file.
 */
class IpcHostileTest {

    static final String SPOOF = "SPOOFED-TO-MAIN-1b7";
    static final String OVERSIZED = "OVERSIZED-MARKER-3c9";
    static final String FLOOD = "FLOOD-MARKER-8d2";
    static final String VICTIM_OUTPUT = "VICTIM-OUTPUT-DELIVERED-5e1";
    static final String VICTIM = "VICTIM-CONTENT-do-not-touch\n";

    @TempDir static Path home;
    @TempDir static Path xdg;
    @TempDir static Path victims;
    static Harness h;
    static Probes spoof;
    static Probes links;
    static Probes after;
    static String envBefore;

    @BeforeAll
    static void attack() throws Exception {
        h = Hostile.start(home, xdg, Map.of("PINCER_IDLE_TIMEOUT", "1"));
        envBefore = Files.readString(home.resolve(".env"));
        Files.createDirectories(victims.resolve("outputs"));
        Files.createDirectories(victims.resolve("responses"));
        Files.writeString(victims.resolve("outputs/1700000000000000000-abcdef0123.json"),
                "{\"type\":\"message\",\"text\":\"" + VICTIM_OUTPUT + "\"}");
        for (String v : List.of("claude-victim", "global-victim", "chown-victim")) {
            Files.writeString(victims.resolve(v), VICTIM);
        }
        String big = "$(head -c 1200000 /dev/zero | tr '\\0' a)";
        spoof = new Probes()
                .tool("sendToMain", Hostile.call("send_message", "text", SPOOF, "chat", "web:main"))
                .tool("sendToOther", Hostile.call("send_message", "text", SPOOF, "chat", "web:other"))
                .tool("scheduleForMain", Hostile.call("schedule_task", "prompt", SPOOF, "schedule_type", "once",
                        "schedule_value", "2099-01-01T00:00:00Z", "context_mode", "group", "target_group", "main"))
                .tool("registerGroup", Hostile.call("register_group", "chat", "web:evil", "name", "Evil", "folder", "evil",
                        "trigger", "@Andy", "requires_trigger", false))
                .tool("listGroups", Hostile.call("list_groups"))
                .bash("forgedIdentity", request("1700000000000000001-aaaaaaaa01", "send_message",
                        "{\"text\":\"" + SPOOF + "\",\"chat\":\"web:main\",\"folder\":\"main\",\"group\":\"main\",\"isMain\":true}")
                        + waitFor("1700000000000000001-aaaaaaaa01"))
                .bash("symlinkToEnv", "ln -s " + home + "/.env /workspace/ipc/requests/1700000000000000002-aaaaaaaa02.json; "
                        + "ln -s /etc/shadow /workspace/ipc/requests/1700000000000000003-aaaaaaaa03.json; "
                        + waitFor("1700000000000000002-aaaaaaaa02") + waitFor("1700000000000000003-aaaaaaaa03"))
                .bash("oversized", "{ printf '{\"id\":\"1700000000000000004-aaaaaaaa04\",\"tool\":\"send_message\",\"args\":{\"text\":\""
                        + OVERSIZED + "'; printf '%s' \"" + big + "\"; printf '\"}}'; } > /workspace/ipc/requests/x.tmp && "
                        + "ls -l /workspace/ipc/requests/x.tmp | awk '{print \"size=\" $5}' && "
                        + "mv /workspace/ipc/requests/x.tmp /workspace/ipc/requests/1700000000000000004-aaaaaaaa04.json; "
                        + waitFor("1700000000000000004-aaaaaaaa04"))
                .bash("invalidJson", "printf '{\"id\":\"1700000000000000005-aaaaaaaa05\",\"tool\":' > /workspace/ipc/requests/y.tmp && "
                        + "mv /workspace/ipc/requests/y.tmp /workspace/ipc/requests/1700000000000000005-aaaaaaaa05.json; "
                        + waitFor("1700000000000000005-aaaaaaaa05"))
                .bash("flood", "(cd /workspace/ipc/requests; for i in $(seq 1 300); do id=1800000000000000000-$(printf '%08x' $i); "
                        + "printf '{\"id\":\"%s\",\"tool\":\"send_message\",\"args\":{\"text\":\"" + FLOOD + " %s\",\"chat\":\"web:main\"}}' "
                        + "$id $i > $id.json.tmp; mv $id.json.tmp $id.json; done; cd ../responses; "
                        + "for i in $(seq 1 300); do [ $(ls | grep -c '^1800000000000000000-') -ge 300 ] && break; sleep 0.2; done; "
                        + "echo responses=$(ls | grep -c '^1800000000000000000-'); echo ok=$(grep -l '\"type\":\"ok\"' 1800000000000000000-* | wc -l); "
                        + "echo toomany=$(grep -l 'too many host requests' 1800000000000000000-* | wc -l); "
                        + "echo left=$(ls ../requests | grep -c '^1800000000000000000-'))");
        spoof.run(h, "family");
        links = new Probes()
                .bash("outputSwap", "(cd /workspace/ipc && mv output output.real && ln -s " + victims.resolve("outputs")
                        + " output && sleep 5; rm output; mv output.real output; ls -la; echo restored)")
                // the link stays until the host has taken the request (its answer had to go somewhere by then)
                .bash("responsesSwap", "(cd /workspace/ipc && mv responses responses.real && ln -s " + victims.resolve("responses")
                        + " responses && " + request("1700000000000000006-aaaaaaaa06", "list_tasks", "{}")
                        + "for i in $(seq 1 150); do [ -e requests/1700000000000000006-aaaaaaaa06.json ] || break; sleep 0.2; done; "
                        + "[ -e requests/1700000000000000006-aaaaaaaa06.json ] && echo consumed=no || echo consumed=yes; "
                        + "rm responses; mv responses.real responses; ls responses; echo restored)")
                .bash("claudeLink", "rm -f /workspace/group/CLAUDE.md && ln -s " + victims.resolve("claude-victim")
                        + " /workspace/group/CLAUDE.md && ls -l /workspace/group/CLAUDE.md")
                .bash("chownBait", "ln -s " + victims.resolve("chown-victim") + " /workspace/group/bait; ln -s " + victims
                        + " /workspace/group/baitdir; ln -s " + victims.resolve("chown-victim") + " /home/agent/bait; ln -s "
                        + victims.resolve("chown-victim") + " /workspace/ipc/bait; ln -s " + victims + " /workspace/ipc/input/baitdir; "
                        + "ls -l /workspace/group/bait");
        links.run(h, "family");
        Probes global = new Probes().bash("globalLink", "rm -f /workspace/global/CLAUDE.md && ln -s " + victims.resolve("global-victim")
                + " /workspace/global/CLAUDE.md && ls -l /workspace/global/CLAUDE.md");
        global.run(h, "main");
        // A restart makes the host prepare every group's memory file again, then a new sandbox
        // hands the (link-laden) folders to the agent uid.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> h.pincer.status().get("liveSandboxes") instanceof Collection<?> c && c.isEmpty());
        h.stop();
        h.start();
        after = new Probes().bash("afterRestart", "cat /workspace/group/CLAUDE.md 2>&1 | head -3; ls -la /workspace/ipc; echo end");
        after.run(h, "family");
    }

    @AfterAll
    static void close() {
        if (h != null) {
            h.close();
        }
    }

    private static List<String> chatTexts(String chat) throws Exception {
        return h.messages(chat, 0, 0).stream().map(m -> m.get("text").asText()).toList();
    }

    @Test
    void aNonMainGroupCannotMessageAnotherChat() throws Exception {
        assertThat(spoof.isError("sendToMain")).isTrue();
        assertThat(spoof.out("sendToMain")).contains("refused");
        assertThat(spoof.isError("sendToOther")).isTrue();
        assertThat(chatTexts("main")).noneMatch(t -> t.contains(SPOOF));
        assertThat(chatTexts("other")).noneMatch(t -> t.contains(SPOOF));
        assertThat(h.pincer.audit().recent(1000)).filteredOn(e -> e.kind().equals("host-tool") && e.folder().equals("family")
                && e.detail().startsWith("send_message")).extracting(e -> e.verdict()).containsOnly("refused");
    }

    @Test
    void aNonMainGroupCannotScheduleForOrRegisterOrListOtherGroups() throws Exception {
        assertThat(spoof.isError("scheduleForMain")).as(spoof.out("scheduleForMain")).isTrue();
        assertThat(spoof.isError("registerGroup")).isTrue();
        assertThat(spoof.isError("listGroups")).isTrue();
        assertThat(h.pincer.tasks().list(java.util.Optional.empty()).toString()).doesNotContain(SPOOF);
        assertThat(h.call("GET", "/api/groups", null).body()).doesNotContain("evil");
        assertThat(home.resolve("groups/evil")).doesNotExist();
    }

    @Test
    void nothingInsideARequestCanClaimAnotherIdentity() throws Exception {
        assertThat(spoof.out("forgedIdentity")).contains("error").doesNotContain("\"type\":\"ok\"");
        assertThat(chatTexts("main")).noneMatch(t -> t.contains(SPOOF));
    }

    @Test
    void aSymlinkedRequestFileIsRejectedWithoutReadingItsTarget() throws Exception {
        String out = spoof.out("symlinkToEnv");
        assertNoSecret(h, "symlinked request", out);
        assertThat(out).contains("1700000000000000002-aaaaaaaa02").contains("1700000000000000003-aaaaaaaa03")
                .contains("\"type\":\"error\"").doesNotContain("root:");
        assertThat(Files.readString(home.resolve(".env"))).isEqualTo(envBefore);
        assertThat(h.pincer.audit().recent(1000)).filteredOn(e -> e.kind().equals("ipc-request") && e.verdict().equals("rejected"))
                .anySatisfy(e -> assertThat(e.detail()).contains("1700000000000000002-aaaaaaaa02"))
                .allSatisfy(e -> assertNoSecret(h, "audit", e.detail()));
    }

    @Test
    void anOversizedRequestIsRejectedAndDeliversNothing() throws Exception {
        String out = spoof.out("oversized");
        assertThat(out).containsPattern("size=12\\d{5}").contains("\"type\":\"error\"").doesNotContain(OVERSIZED);
        assertThat(chatTexts("family")).noneMatch(t -> t.contains(OVERSIZED));
        assertThat(chatTexts("main")).noneMatch(t -> t.contains(OVERSIZED));
    }

    @Test
    void invalidJsonIsRejectedMovedAsideAndAudited() throws Exception {
        assertThat(spoof.out("invalidJson")).contains("\"type\":\"error\"").contains("rejected");
        try (Stream<Path> s = Files.list(home.resolve("data/ipc-errors"))) {
            assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.contains("1700000000000000005-aaaaaaaa05"));
        }
        assertThat(h.pincer.audit().recent(1000)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("ipc-request");
            assertThat(e.detail()).contains("1700000000000000005-aaaaaaaa05");
        });
    }

    @Test
    void aFloodOfRequestsIsCutOffAndAudited() throws Exception {
        String out = spoof.out("flood");
        assertThat(out).contains("responses=300").contains("left=0");
        int ok = Integer.parseInt(out.replaceAll("(?s).*ok=(\\d+).*", "$1"));
        int tooMany = Integer.parseInt(out.replaceAll("(?s).*toomany=(\\d+).*", "$1"));
        assertThat(tooMany).as(out).isGreaterThanOrEqualTo(100);
        assertThat(ok + tooMany).isLessThanOrEqualTo(300);
        assertThat(ok).as("requests carried out").isZero();
        for (String chat : List.of("family", "main", "other")) {
            assertThat(chatTexts(chat)).as("flood messages delivered to " + chat).noneMatch(t -> t.contains(FLOOD));
        }
        assertThat(h.pincer.audit().recent(2000)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("ipc-request");
            assertThat(e.verdict()).isEqualTo("refused");
            assertThat(e.detail()).contains("more than");
        });
    }

    @Test
    void aSwappedOutputFolderIsNotFollowed() throws Exception {
        assertThat(links.out("outputSwap")).contains("restored");
        assertThat(victims.resolve("outputs/1700000000000000000-abcdef0123.json")).as("the host consumed a file behind the link")
                .exists();
        for (String chat : List.of("family", "main", "other")) {
            assertThat(chatTexts(chat)).noneMatch(t -> t.contains(VICTIM_OUTPUT));
        }
    }

    @Test
    void aSwappedResponsesFolderGetsNoHostWrite() throws Exception {
        assertThat(links.out("responsesSwap")).as("control: the host took the request while the link was there")
                .contains("consumed=yes").contains("restored");
        try (Stream<Path> s = Files.list(victims.resolve("responses"))) {
            assertThat(s.toList()).as("files the host wrote through the agent's link").isEmpty();
        }
    }

    @Test
    void aClaudeMdSymlinkIsNeitherReadNorOverwrittenByTheHost() throws Exception {
        assertThat(links.out("claudeLink")).contains("->");
        assertThat(victims.resolve("claude-victim")).hasContent(VICTIM.strip());
        assertThat(victims.resolve("global-victim")).hasContent(VICTIM.strip());
        assertThat(h.model.requests()).allSatisfy(r -> assertThat(r.body().toString()).doesNotContain("VICTIM-CONTENT"));
        assertNoSecret(h, "afterRestart", after.out("afterRestart"));
    }

    /** As root the host hands writable folders to the agent uid; as a normal user it owns them already. */
    @Test
    void theHostNeverChownsThroughAnAgentMadeLink() throws Exception {
        int self = HostSystem.effectiveUid();
        for (Path p : List.of(victims, victims.resolve("chown-victim"), victims.resolve("claude-victim"), victims.resolve("outputs"))) {
            assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(p + " uid").isEqualTo(self);
        }
        assertThat(links.out("chownBait")).as("control: the links were made").contains("->");
        assertThat(victims.resolve("chown-victim")).hasContent(VICTIM.strip());
    }

    @Test
    void noIpcResultCarriesASecret() throws Exception {
        assertNoSecret(h, "spoof results", spoof.all());
        assertNoSecret(h, "link results", links.all());
        for (String chat : List.of("family", "main", "other")) {
            for (JsonNode m : h.messages(chat, 0, 0)) {
                assertNoSecret(h, "chat " + chat, m.toString());
            }
        }
    }
}
