package dev.pincer.cli.hostile;

import static dev.pincer.cli.hostile.Hostile.assertNoSecret;
import static dev.pincer.cli.hostile.Hostile.request;
import static dev.pincer.cli.hostile.Hostile.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.Harness;
import dev.pincer.host.store.AuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent puts things that are not files where the host reads IPC files ({@code output/}
 * and {@code requests/}): a FIFO (an open for reading would block), a Unix socket, a link, a folder,
 * a sparse 4 GiB file, a file it holds a kernel lease on (an open waits 45 s), and tries to make a
 * device node; it speaks under the name of a person in the chat and schedules a task every second.
 * The host must reject and audit each, stay responsive, deliver the good file that comes after
 * them, and show a permitted sub-agent as the assistant's. A device node, which the sandbox cannot
 * make, is planted by the test (as root) into the group's {@code output/} after the first run; a
 * second run shows the host rejected it too.
 */
class IpcFilesHostileTest {

    static final String LEASED = "LEASED-MARKER-41c";
    static final String LEGIT = "LEGIT-AFTER-HOSTILE-9e0";
    static final String IMPERSONATED = "IMPERSONATED-MARKER-77a";
    static final String OWNER_SAYS = "OWNER-SAYS-MARKER-2b5";
    static final String ROLE = "ROLE-MARKER-d18";
    static final String AFTER_DEVICE = "AFTER-DEVICE-MARKER-6f3";

    @TempDir static Path home;
    @TempDir static Path xdg;
    static Harness h;
    static Probes attack;
    static Probes after;
    static boolean root;
    static String hostMknod;

    /** A finished IPC file name that sorts in {@code i}'s order. */
    static String name(int i) {
        return String.format("19000000000000000%02d-%08x.json", i, i);
    }

    static String id(int i) {
        return name(i).replace(".json", "");
    }

    private static String socket(String path) {
        return "perl -MIO::Socket::UNIX -e 'IO::Socket::UNIX->new(Local => $ARGV[0], Listen => 1) or die \"socket: $!\"' "
                + path + "; ";
    }

    @BeforeAll
    static void attack() throws Exception {
        root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        h = Hostile.start(home, xdg, Map.of("PINCER_IDLE_TIMEOUT", "1"));
        String output = "cd /workspace/ipc/output || exit 1; start=$(date +%s%N); "
                + "mkfifo " + name(1) + "; "
                + socket(name(2))
                + "ln -s /etc/shadow " + name(3) + "; "
                + "mkdir o4.tmp && echo x > o4.tmp/inside && mv o4.tmp " + name(4) + "; "
                + "truncate -s 4G o5.tmp && mv o5.tmp " + name(5) + "; "
                + "mknod " + name(6) + " c 1 5; echo mknod=$?; [ -e " + name(6) + " ] && echo device-made || echo no-device; "
                + "printf '{\"type\":\"message\",\"text\":\"" + LEASED + "\"}' > o7.tmp; "
                + "perl -e '$| = 1; $SIG{IO} = \"IGNORE\"; open(my $f, \"<\", $ARGV[0]) or die \"open: $!\"; "
                + "fcntl($f, 1024, 1) or die \"lease: $!\"; print \"leased\\n\"; sleep 20' o7.tmp > /tmp/lease.out 2>&1 & "
                + "for i in $(seq 1 50); do grep -q leased /tmp/lease.out && break; sleep 0.1; done; cat /tmp/lease.out; "
                + "mv o7.tmp " + name(7) + "; "
                + "printf '{\"type\":\"message\",\"text\":\"" + IMPERSONATED + "\",\"sender\":\"Owner\"}' > o8.tmp && mv o8.tmp " + name(8) + "; "
                + "printf '{\"type\":\"message\",\"text\":\"" + LEGIT + "\",\"sender\":\"researcher\"}' > o9.tmp && mv o9.tmp " + name(9) + "; "
                + "for i in $(seq 1 150); do [ -e " + name(9) + " ] || break; sleep 0.2; done; "
                + "echo legit_gone_ms=$(( ($(date +%s%N) - start) / 1000000 )); ls -la; echo end";
        String requests = "cd /workspace/ipc/requests || exit 1; "
                + "mkfifo " + name(21) + "; "
                + socket(name(22))
                + "mkdir r3.tmp && mv r3.tmp " + name(23) + "; "
                + "truncate -s 4G r4.tmp && mv r4.tmp " + name(24) + "; "
                + "start=$(date +%s%N); "
                + request(id(29), "list_tasks", "{}")
                + waitFor(id(21)) + waitFor(id(22)) + waitFor(id(23)) + waitFor(id(24)) + waitFor(id(29))
                + "echo served_ms=$(( ($(date +%s%N) - start) / 1000000 )); ls -la; echo end";
        attack = new Probes()
                .bash("output", output)
                .bash("requests", requests)
                .tool("sendAsOwner", Hostile.call("send_message", "text", OWNER_SAYS, "sender", "Owner"))
                .tool("sendAsRole", Hostile.call("send_message", "text", ROLE, "sender", "researcher"))
                .tool("scheduleEverySecond", Hostile.call("schedule_task", "prompt", "spin", "schedule_type", "interval",
                        "schedule_value", "1000"));
        attack.run(h, "family");

        // The sandbox cannot make a device node; root on the host can. The host finds it like any output.
        Path out = home.resolve("data/ipc/family/output");
        Process mknod = new ProcessBuilder("mknod", out.resolve(name(40)).toString(), "c", "1", "5").redirectErrorStream(true).start();
        hostMknod = new String(mknod.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mknod.waitFor(10, TimeUnit.SECONDS)).isTrue();
        hostMknod += "exit=" + mknod.exitValue();
        Files.writeString(out.resolve("d.tmp"), "{\"type\":\"message\",\"text\":\"" + AFTER_DEVICE + "\",\"sender\":\"researcher\"}");
        Files.move(out.resolve("d.tmp"), out.resolve(name(41)));
        after = new Probes().bash("after", "ls -la /workspace/ipc/output; echo end");
        after.run(h, "family");
    }

    @AfterAll
    static void close() {
        if (h != null) {
            h.close();
        }
    }

    private static List<JsonNode> chat() throws Exception {
        return h.messages("family", 0, 0);
    }

    private static Optional<JsonNode> message(String marker) throws Exception {
        return chat().stream().filter(m -> m.get("text").asText().contains(marker)).findFirst();
    }

    private static List<AuditLog.Entry> audits(String kind, String verdict) {
        return h.pincer.audit().recent(5000).stream().filter(e -> e.kind().equals(kind) && e.verdict().equals(verdict)).toList();
    }

    private static void rejectedAs(String kind, String name, String says) {
        assertThat(audits(kind, "rejected")).as(name + " " + says).anySatisfy(e -> {
            assertThat(e.folder()).isEqualTo("family");
            assertThat(e.detail()).startsWith(name + ": ").contains(says);
        });
    }

    private static List<String> asideNames() throws Exception {
        try (Stream<Path> s = Files.list(home.resolve("data/ipc-errors"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void theSandboxCannotMakeADeviceNode() {
        String out = attack.out("output");
        assertThat(out).contains("Operation not permitted").contains("no-device").doesNotContain("mknod=0");
    }

    @Test
    void nonFilesInOutputAreRejectedUnopenedAndTheGoodFileAfterThemIsDelivered() throws Exception {
        rejectedAs("ipc-output", name(1), "not a regular file but a FIFO");
        rejectedAs("ipc-output", name(2), "not a regular file but a socket");
        rejectedAs("ipc-output", name(3), "not a regular file but a symbolic link");
        rejectedAs("ipc-output", name(4), "not a regular file but a folder");
        rejectedAs("ipc-output", name(5), "the file is 4294967296 bytes, the limit is 1048576");
        assertThat(asideNames()).contains("family-" + name(1), "family-" + name(2), "family-" + name(3), "family-" + name(4),
                "family-" + name(5));
        String out = attack.out("output");
        int ms = Integer.parseInt(out.replaceAll("(?s).*legit_gone_ms=(\\d+).*", "$1"));
        assertThat(ms).as("the good file was taken %d ms after the attack began (a lease costs 5 s)", ms).isLessThan(20_000);
        assertThat(message(LEGIT)).hasValueSatisfying(m -> assertThat(m.get("sender").asText()).isEqualTo("Andy · researcher"));
        assertThat(out).doesNotContain("root:");
    }

    @Test
    void aLeasedOutputFileCostsTheHostSecondsAndNoThreadStaysBlocked() throws Exception {
        assertThat(attack.out("output")).contains("leased");
        rejectedAs("ipc-output", name(7), "could not be opened within 5 s");
        assertThat(message(LEASED)).isEmpty();
        // The sandbox is gone, so is its lease: the abandoned open ends.
        await().atMost(Duration.ofSeconds(60)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("ipc-read-") && t.isAlive()));
    }

    @Test
    void nonFilesInRequestsAreAnsweredWithAnErrorAndTheNextRequestIsServed() {
        String out = attack.out("requests");
        assertThat(out).contains("not a regular file but a FIFO").contains("not a regular file but a socket")
                .contains("not a regular file but a folder").contains("the limit is 1048576")
                .contains("\"id\":\"" + id(29) + "\",\"data\"");
        int ms = Integer.parseInt(out.replaceAll("(?s).*served_ms=(\\d+).*", "$1"));
        assertThat(ms).as("all five answered within %d ms", ms).isLessThan(15_000);
        rejectedAs("ipc-request", name(21), "not a regular file but a FIFO");
        rejectedAs("ipc-request", name(22), "not a regular file but a socket");
        rejectedAs("ipc-request", name(23), "not a regular file but a folder");
        rejectedAs("ipc-request", name(24), "the file is 4294967296 bytes");
        assertThat(out).doesNotContain(name(21) + "\n"); // nothing left behind in requests/
    }

    @Test
    void aPersonsNameIsRefusedAsAToolSenderAndReplacedInAnOutputFile() throws Exception {
        assertThat(attack.isError("sendAsOwner")).isTrue();
        assertThat(attack.out("sendAsOwner")).contains("refused").contains("role names").doesNotContain("person 'Owner'");
        assertThat(message(OWNER_SAYS)).isEmpty();
        assertThat(message(IMPERSONATED)).as("delivered, but as the assistant")
                .hasValueSatisfying(m -> assertThat(m.get("sender").asText()).isEqualTo("Andy"));
        assertThat(chat()).filteredOn(m -> m.get("fromAssistant").asBoolean())
                .allSatisfy(m -> assertThat(m.get("sender").asText()).startsWith("Andy"));
        assertThat(audits("host-tool", "refused")).anySatisfy(e -> assertThat(e.detail())
                .startsWith("send_message").contains("the person 'Owner'"));
        assertThat(audits("ipc-output", "refused")).anySatisfy(e -> assertThat(e.detail())
                .startsWith(name(8)).contains("the person 'Owner'").contains("sent as the assistant"));
    }

    @Test
    void aRoleNameIsShownAsTheAssistantsSubAgent() throws Exception {
        assertThat(attack.isError("sendAsRole")).as(attack.out("sendAsRole")).isFalse();
        assertThat(message(ROLE)).hasValueSatisfying(m -> assertThat(m.get("sender").asText()).isEqualTo("Andy · researcher"));
    }

    @Test
    void aTaskEverySecondIsRefused() {
        assertThat(attack.isError("scheduleEverySecond")).isTrue();
        assertThat(attack.out("scheduleEverySecond")).contains("refused").contains("1 s apart").contains("60 s");
        assertThat(h.pincer.tasks().list(Optional.of("family"))).isEmpty();
    }

    @Test
    void aDeviceNodeInOutputIsRejectedUnopenedWhereRootCanMakeOne() throws Exception {
        if (!root) {
            assertThat(hostMknod).as("mknod without root").contains("Operation not permitted").doesNotContain("exit=0");
            return;
        }
        assertThat(hostMknod).isEqualTo("exit=0");
        rejectedAs("ipc-output", name(40), "not a regular file but a character device");
        assertThat(message(AFTER_DEVICE)).hasValueSatisfying(m -> assertThat(m.get("sender").asText()).isEqualTo("Andy · researcher"));
        assertThat(after.out("after")).doesNotContain(name(40)).doesNotContain(name(41));
    }

    @Test
    void noResultCarriesASecret() throws Exception {
        assertNoSecret(h, "attack results", attack.all());
        assertNoSecret(h, "after results", after.all());
        for (JsonNode m : chat()) {
            assertNoSecret(h, "chat", m.toString());
        }
    }
}
