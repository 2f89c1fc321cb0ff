package dev.pincer.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.protocol.SandboxPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MountPlanTest {
    @TempDir
    Path tmp;
    Path home;
    Path jar;
    static final Path USR_JAVA = Path.of(System.getProperty("java.home"));

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home")).toRealPath();
        jar = Files.writeString(home.resolve("agent.jar"), "jar");
        MountPlan.createGroupDirectories(home, "main");
        MountPlan.createGroupDirectories(home, "family");
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "a", "0", "family-1", "x_y", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd"})
    void acceptsValidFolderNames(String folder) {
        assertThat(MountPlan.requireValidFolder(folder)).isEqualTo(folder);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Main", "-a", "_a", "a/b", "..", "../x", "a b", "é", "a.b", "global/../main",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde"})
    void rejectsInvalidFolderNames(String folder) {
        assertThatThrownBy(() -> MountPlan.forGroup(home, folder, false, jar, USR_JAVA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid group folder name")
                .hasMessageContaining("a-z, 0-9");
    }

    @Test
    void mainGetsTheFullTableWithSecretsMasked() throws Exception {
        Files.writeString(home.resolve(".env"), "K=V");
        Files.createDirectories(home.resolve("store"));
        Files.createDirectories(home.resolve("logs"));
        MountPlan plan = MountPlan.forGroup(home, "main", true, jar, USR_JAVA);
        assertThat(plan.mounts()).containsExactly(
                Mount.readWrite(home.resolve("groups/main"), SandboxPaths.GROUP),
                Mount.readOnly(home.resolve("data/media/main"), SandboxPaths.INBOX),
                Mount.readWrite(home.resolve("groups/global"), SandboxPaths.GLOBAL),
                Mount.readOnly(home, SandboxPaths.PROJECT),
                Mount.readWrite(home.resolve("data/ipc/main"), SandboxPaths.IPC),
                Mount.readWrite(home.resolve("data/sessions/main"), SandboxPaths.HOME),
                Mount.readWrite(home.resolve("data/run/main"), SandboxPaths.RUN),
                Mount.readOnly(jar, SandboxPaths.AGENT_JAR));
        assertThat(plan.masks()).containsExactly(
                new Mask("/workspace/project/.env", false),
                new Mask("/workspace/project/store", true),
                new Mask("/workspace/project/data", true),
                new Mask("/workspace/project/logs", true));
        assertThat(plan.javaHome()).isEqualTo(USR_JAVA.toRealPath().toString());
    }

    @Test
    void otherGroupsGetNoProjectAndReadOnlyGlobal() {
        MountPlan plan = MountPlan.forGroup(home, "family", false, jar, USR_JAVA);
        assertThat(plan.mountAt(SandboxPaths.PROJECT)).isNull();
        assertThat(plan.masks()).isEmpty();
        assertThat(plan.mountAt(SandboxPaths.GLOBAL).writable()).isFalse();
        assertThat(plan.mountAt(SandboxPaths.GROUP).source()).isEqualTo(home.resolve("groups/family"));
        assertThat(plan.writableSources()).containsExactly(home.resolve("groups/family"),
                home.resolve("data/ipc/family"), home.resolve("data/sessions/family"), home.resolve("data/run/family"));
    }

    @Test
    void onlyExistingPathsAreMasked() {
        // createGroupDirectories made data/ but there is no .env, store/ or logs/
        MountPlan plan = MountPlan.forGroup(home, "main", true, jar, USR_JAVA);
        assertThat(plan.masks()).containsExactly(new Mask("/workspace/project/data", true));
    }

    @Test
    void aMaskedNameThatLinksIntoTheProjectIsRefused() throws Exception {
        Files.writeString(home.resolve("groups/main/secrets.env"), "K=V");
        Files.createSymbolicLink(home.resolve(".env"), Path.of("groups/main/secrets.env"));
        assertThatThrownBy(() -> MountPlan.forGroup(home, "main", true, jar, USR_JAVA))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("symlink into the project");
    }

    @Test
    void aMaskedNameThatLinksOutsideTheProjectDanglesInsideAndIsNotMasked() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("bigdisk/logs"));
        Files.createSymbolicLink(home.resolve("logs"), outside);
        MountPlan plan = MountPlan.forGroup(home, "main", true, jar, USR_JAVA);
        assertThat(plan.masks()).extracting(Mask::target).doesNotContain("/workspace/project/logs");
    }

    @Test
    void aJreOutsideUsrIsBoundReadOnlyAtItsRealPath() throws Exception {
        Path jre = Files.createDirectories(tmp.resolve("opt/jdk-21+35"));
        Path link = Files.createSymbolicLink(tmp.resolve("java"), jre);
        MountPlan plan = MountPlan.forGroup(home, "family", false, jar, link);
        assertThat(plan.mounts()).contains(Mount.readOnly(jre.toRealPath(), jre.toRealPath().toString()));
        assertThat(plan.javaHome()).isEqualTo(jre.toRealPath().toString());
        assertThat(SandboxSpec.agentArgv(plan, 256)).containsExactly(jre.toRealPath() + "/bin/java", "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-jar", SandboxPaths.AGENT_JAR);
    }

    @Test
    void aJreUnderUsrIsAlreadyVisible() {
        MountPlan plan = MountPlan.forGroup(home, "family", false, jar, USR_JAVA);
        assertThat(plan.mounts()).extracting(Mount::target).doesNotContain(USR_JAVA.toString());
    }

    @Test
    void createGroupDirectoriesMakesTheIpcFoldersAndAPrivateSocketDirectory() throws Exception {
        for (String sub : List.of("input", "output", "requests", "responses")) {
            assertThat(home.resolve("data/ipc/family").resolve(sub)).isDirectory();
        }
        assertThat(Files.getPosixFilePermissions(MountPlan.runDir(home, "family")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(home.resolve("groups/global")).isDirectory();
        assertThat(home.resolve("data/sessions/family")).isDirectory();
    }

    @Test
    void targetsMustBeCleanAbsolutePaths() {
        assertThatThrownBy(() -> Mount.readOnly(home, "/workspace/../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mount.readOnly(home, "relative")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mount.readOnly(home, "/a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mount.readOnly(Path.of("rel"), "/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
