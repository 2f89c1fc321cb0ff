package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mount allowlist and the checks of extra mounts, on real directories and symlinks. */
class ExtraMountsTest {

    @TempDir Path base;
    Path user;      // what ~ means
    Path projects;  // an allowed root, read-write
    Path docs;      // an allowed root, read-only
    Path pincer;    // PINCER_HOME
    Path allowlistFile;

    @BeforeEach
    void layout() throws IOException {
        base = base.toRealPath();
        user = Files.createDirectories(base.resolve("user"));
        projects = Files.createDirectories(user.resolve("projects"));
        docs = Files.createDirectories(base.resolve("docs"));
        pincer = Files.createDirectories(base.resolve("pincer"));
        Files.createDirectories(pincer.resolve("store"));
        allowlistFile = user.resolve(".config/pincer/mount-allowlist.json");
        writeAllowlist("""
                {"allowedRoots": [
                   {"path": "~/projects", "allowReadWrite": true, "description": "code"},
                   {"path": "%s"}],
                 "blockedPatterns": ["password"],
                 "nonMainReadOnly": true}
                """.formatted(docs));
    }

    private void writeAllowlist(String json) throws IOException {
        Files.createDirectories(allowlistFile.getParent());
        Files.writeString(allowlistFile, json);
    }

    private MountAllowlist allowlist() {
        return MountAllowlist.load(allowlistFile, user, pincer);
    }

    private ExtraMounts.Result check(boolean main, ExtraMounts.Request... requests) {
        return ExtraMounts.validate(List.of(requests), allowlist(), pincer, user, main);
    }

    private static ExtraMounts.Request ro(String hostPath, String name) {
        return new ExtraMounts.Request(hostPath, name, true);
    }

    private static ExtraMounts.Request rw(String hostPath, String name) {
        return new ExtraMounts.Request(hostPath, name, false);
    }

    private String onlyRejection(ExtraMounts.Result r) {
        assertThat(r.mounts()).as("granted mounts").isEmpty();
        assertThat(r.rejections()).hasSize(1);
        return r.rejections().getFirst();
    }

    @Test
    void aMissingAllowlistBlocksEveryExtraMount() throws IOException {
        Files.delete(allowlistFile);
        Files.createDirectories(projects.resolve("x"));
        MountAllowlist list = allowlist();
        assertThat(list.usable()).isFalse();
        assertThat(list.problem()).contains("no mount allowlist at " + allowlistFile).contains("every extra mount is blocked");
        assertThat(onlyRejection(check(true, ro("~/projects/x", "x")))).contains("no mount allowlist");
    }

    @Test
    void anInvalidAllowlistBlocksEveryExtraMountAndSaysWhy() throws IOException {
        Files.createDirectories(projects.resolve("x"));
        for (String bad : List.of("not json", "[]", "{\"allowedRoots\": {}}", "{\"allowedRoots\": [], \"nonMainReadOnly\": \"no\"}",
                "{\"allowedRoots\": [{\"path\": \"relative/dir\"}]}", "{\"allowedRoots\": [], \"allowedRoot\": []}")) {
            writeAllowlist(bad);
            assertThat(allowlist().usable()).as(bad).isFalse();
            assertThat(onlyRejection(check(true, ro("~/projects/x", "x")))).as(bad).contains("invalid");
        }
    }

    @Test
    void anAllowlistInsidePincerHomeIsRefusedBecauseMainCouldReadIt() throws IOException {
        Path inside = pincer.resolve("mount-allowlist.json");
        Files.copy(allowlistFile, inside);
        MountAllowlist list = MountAllowlist.load(inside, user, pincer);
        assertThat(list.usable()).isFalse();
        assertThat(list.problem()).contains("inside PINCER_HOME");
    }

    @Test
    void tildeIsExpandedAndTheResolvedDirectoryIsMountedUnderExtra() throws IOException {
        Path x = Files.createDirectories(projects.resolve("x"));
        ExtraMounts.Result r = check(false, ro("~/projects/x", "code"), ro("~/projects/x", "code"));
        assertThat(r.rejections()).as("a name is used once").hasSize(1)
                .first().asString().contains("already uses the name");
        assertThat(r.mounts()).containsExactly(Mount.readOnly(x, "/workspace/extra/code"));
        assertThat(check(false, ro("~/projects/x", null)).mounts())
                .as("the name defaults to the directory's name").containsExactly(Mount.readOnly(x, "/workspace/extra/x"));
    }

    @Test
    void aSymlinkIsResolvedBeforeTheChecksAndTheRealPathIsMounted() throws IOException {
        Path real = Files.createDirectories(projects.resolve("real"));
        Files.createSymbolicLink(projects.resolve("alias"), real);
        assertThat(check(false, ro("~/projects/alias", "a")).mounts()).containsExactly(Mount.readOnly(real, "/workspace/extra/a"));

        // a harmless name inside an allowed root that leads into a blocked directory
        Path keys = Files.createDirectories(projects.resolve(".ssh/keys"));
        Files.createSymbolicLink(projects.resolve("harmless"), keys);
        assertThat(onlyRejection(check(true, ro("~/projects/harmless", "h"))))
                .contains("resolves to " + keys).contains("\".ssh\"");

        // a link inside an allowed root that leads outside every root
        Path outside = Files.createDirectories(base.resolve("elsewhere"));
        Files.createSymbolicLink(projects.resolve("escape"), outside);
        assertThat(onlyRejection(check(true, ro("~/projects/escape", "e")))).contains("under no allowed root");
    }

    @Test
    void aBlockedPatternMatchesAnyComponentThatContainsItCaseInsensitively() throws IOException {
        MountAllowlist list = allowlist();
        assertThat(list.blockedBy(Path.of("/x/.ssh/y"))).contains("\".ssh\"");
        assertThat(list.blockedBy(Path.of("/x/my.env.d"))).as("contains .env").contains("\".env\"");
        assertThat(list.blockedBy(Path.of("/x/.ENV.local"))).contains("\".env\"");
        assertThat(list.blockedBy(Path.of("/x/keys/id_rsa.pub"))).contains("\"id_rsa\"");
        assertThat(list.blockedBy(Path.of("/x/AWS-credentials-2"))).contains("\"credentials\"");
        assertThat(list.blockedBy(Path.of("/x/my-passwords"))).as("the file's own pattern").contains("\"password\"");
        assertThat(list.blockedBy(Path.of("/x/envelope/dotenv"))).as("no component contains \".env\"").isNull();
        assertThat(list.blockedBy(Path.of("/home/me/projects/site"))).isNull();

        Path blocked = Files.createDirectories(projects.resolve("app/.aws/conf"));
        assertThat(onlyRejection(check(true, ro("~/projects/app/.aws/conf", "c")))).contains("\".aws\"");
        assertThat(onlyRejection(check(true, ro(blocked.getParent().getParent().resolve(".aws").toString(), "c"))))
                .contains("\".aws\"");
    }

    @Test
    void aPatternWithASlashMatchesTheWholePath() throws IOException {
        writeAllowlist("{\"allowedRoots\": [{\"path\": \"~/projects\"}], \"blockedPatterns\": [\"client/secrets\"]}");
        Files.createDirectories(projects.resolve("client/secrets-2024"));
        Files.createDirectories(projects.resolve("client/public"));
        assertThat(onlyRejection(check(true, ro("~/projects/client/secrets-2024", "s")))).contains("client/secrets");
        assertThat(check(true, ro("~/projects/client/public", "p")).mounts()).hasSize(1);
    }

    @Test
    void aDirectoryOutsideEveryRootIsRefused() throws IOException {
        Files.createDirectories(base.resolve("random"));
        assertThat(onlyRejection(check(true, ro(base.resolve("random").toString(), "r"))))
                .contains("under no allowed root").contains("~/projects");
        assertThat(onlyRejection(check(true, ro(projects + "/../../random", "r")))).contains("under no allowed root");
        assertThat(onlyRejection(check(true, ro("relative/path", "r")))).contains("absolute");
        assertThat(onlyRejection(check(true, ro("~/projects/missing", "m")))).contains("does not exist");
        Files.writeString(projects.resolve("file.txt"), "x");
        assertThat(onlyRejection(check(true, ro("~/projects/file.txt", "f")))).contains("not a directory");
    }

    @Test
    void readWriteNeedsARootThatAllowsItAndForNonMainAlsoNonMainReadOnlyFalse() throws IOException {
        Path x = Files.createDirectories(projects.resolve("x"));
        Path d = Files.createDirectories(docs.resolve("manual"));

        ExtraMounts.Result nonMain = check(false, rw("~/projects/x", "x"));
        assertThat(nonMain.mounts()).containsExactly(Mount.readOnly(x, "/workspace/extra/x"));
        assertThat(nonMain.notes()).singleElement().asString().contains("nonMainReadOnly");

        assertThat(check(true, rw("~/projects/x", "x")).mounts()).containsExactly(Mount.readWrite(x, "/workspace/extra/x"));
        assertThat(check(true, ro("~/projects/x", "x")).mounts()).as("read-only when asked")
                .containsExactly(Mount.readOnly(x, "/workspace/extra/x"));

        ExtraMounts.Result roRoot = check(true, rw(d.toString(), "m"));
        assertThat(roRoot.mounts()).containsExactly(Mount.readOnly(d, "/workspace/extra/m"));
        assertThat(roRoot.notes()).singleElement().asString().contains("does not allow read-write");

        writeAllowlist("{\"allowedRoots\": [{\"path\": \"~/projects\", \"allowReadWrite\": true}], \"nonMainReadOnly\": false}");
        assertThat(check(false, rw("~/projects/x", "x")).mounts()).containsExactly(Mount.readWrite(x, "/workspace/extra/x"));
    }

    @Test
    void pincerHomeAndAnythingContainingOrInsideItIsRefused() throws IOException {
        writeAllowlist("{\"allowedRoots\": [{\"path\": \"" + base + "\", \"allowReadWrite\": true}]}");
        assertThat(onlyRejection(check(true, ro(pincer.toString(), "p")))).contains("inside PINCER_HOME");
        assertThat(onlyRejection(check(true, ro(pincer.resolve("store").toString(), "s")))).contains("inside PINCER_HOME");
        assertThat(onlyRejection(check(true, ro(base.toString(), "b")))).contains("contains PINCER_HOME");
        Files.createSymbolicLink(base.resolve("innocent"), pincer.resolve("store"));
        assertThat(onlyRejection(check(true, ro(base.resolve("innocent").toString(), "i")))).contains("inside PINCER_HOME");
    }

    @Test
    void aDirectoryContainingTheAllowlistItselfIsRefused() throws IOException {
        writeAllowlist("{\"allowedRoots\": [{\"path\": \"~\"}]}");
        assertThat(onlyRejection(check(true, ro("~", "home")))).contains("contains the mount allowlist");
        assertThat(onlyRejection(check(true, ro("~/.config", "config")))).contains("contains the mount allowlist");
    }

    @Test
    void theNameMustBeOneSafeComponent() throws IOException {
        Files.createDirectories(projects.resolve("x"));
        for (String bad : List.of("../x", "a/b", ".", "..", ".hidden", "with space", "/abs")) {
            assertThat(onlyRejection(check(true, ro("~/projects/x", bad)))).as(bad).contains("containerPath");
        }
    }

    @Test
    void thePlanPlacesExtraMountsOnlyUnderWorkspaceExtra() throws IOException {
        Path x = Files.createDirectories(projects.resolve("x"));
        Path jar = Files.writeString(pincer.resolve("agent.jar"), "jar");
        Path jre = Path.of(System.getProperty("java.home"));
        MountPlan plan = MountPlan.forGroup(pincer, "family", false, jar, jre, List.of(Mount.readOnly(x, "/workspace/extra/x")));
        assertThat(plan.mountAt("/workspace/extra/x")).isEqualTo(Mount.readOnly(x, "/workspace/extra/x"));
        assertThatThrownBy(() -> MountPlan.forGroup(pincer, "family", false, jar, jre, List.of(Mount.readOnly(x, "/workspace/group"))))
                .hasMessageContaining("/workspace/extra/<name>");
        assertThatThrownBy(() -> MountPlan.forGroup(pincer, "family", false, jar, jre, List.of(Mount.readOnly(x, "/workspace/extra/a/b"))))
                .hasMessageContaining("/workspace/extra/<name>");
    }

    @Test
    void describeNamesTheRootsForDoctor() {
        assertThat(allowlist().describe()).contains(allowlistFile.toString()).contains("2 allowed root(s)")
                .contains("~/projects -> " + projects + " rw").contains(docs + " ro").contains("non-main groups read-only");
    }
}
