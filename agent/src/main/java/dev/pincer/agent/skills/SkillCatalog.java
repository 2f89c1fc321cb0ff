package dev.pincer.agent.skills;

import dev.pincer.agent.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The skills a run can load: the built-in ones shipped in the agent jar (listed in
 * {@code skills/INDEX}, one folder name a line, each with {@code skills/<name>/SKILL.md}) and the
 * group's {@code <group>/skills/<name>/SKILL.md}. A group skill replaces a built-in of the same
 * name. The group folder is read again on every lookup, so a skill written during a run is found.
 * A malformed {@code SKILL.md} is left out and reported in the log.
 */
public final class SkillCatalog {
    public static final String FILE_NAME = "SKILL.md";
    static final String BUILT_IN_ROOT = "skills/";
    private static final Log LOG = Log.named("skills");
    private static final int MAX_BYTES = 256 * 1024;

    private final List<Skill> builtIn;
    private final Path groupSkills;

    /**
     * @param builtIn     the skills shipped with the agent
     * @param groupSkills the group's skills folder (may not exist)
     */
    public SkillCatalog(List<Skill> builtIn, Path groupSkills) {
        this.builtIn = List.copyOf(builtIn);
        this.groupSkills = groupSkills;
    }

    /** The built-in skills of the jar plus {@code groupSkills}. */
    public static SkillCatalog standard(Path groupSkills) {
        return new SkillCatalog(builtIn(SkillCatalog.class.getClassLoader()), groupSkills);
    }

    /** Every skill by name, sorted; group skills override built-ins. */
    public Collection<Skill> all() {
        Map<String, Skill> byName = new TreeMap<>();
        builtIn.forEach(s -> byName.put(s.name(), s));
        group().forEach(s -> byName.put(s.name(), s));
        return List.copyOf(byName.values());
    }

    public Optional<Skill> find(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private List<Skill> group() {
        if (!Files.isDirectory(groupSkills)) {
            return List.of();
        }
        List<Skill> list = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(groupSkills, Files::isDirectory)) {
            for (Path dir : dirs) {
                Path file = dir.resolve(FILE_NAME);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    list.add(read(in, dir.getFileName().toString(), file.toString()));
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("skipping the skill %s: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the skills folder %s: %s", groupSkills, e.getMessage());
        }
        return list;
    }

    /** The skills listed in {@code skills/INDEX} of {@code loader}'s resources. */
    static List<Skill> builtIn(ClassLoader loader) {
        List<Skill> list = new ArrayList<>();
        for (String name : index(loader)) {
            String resource = BUILT_IN_ROOT + name + "/" + FILE_NAME;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("skills/INDEX lists '" + name + "' but " + resource + " is not in the agent jar");
                }
                list.add(read(in, name, "built-in skill " + name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + " from the agent jar", e);
            }
        }
        return list;
    }

    private static List<String> index(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(BUILT_IN_ROOT + "INDEX")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read skills/INDEX from the agent jar", e);
        }
    }

    private static Skill read(InputStream in, String folderName, String origin) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("it is larger than " + MAX_BYTES + " bytes");
        }
        return Skill.parse(new String(bytes, StandardCharsets.UTF_8), folderName, origin);
    }
}
