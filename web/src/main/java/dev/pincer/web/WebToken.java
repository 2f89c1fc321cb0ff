package dev.pincer.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web API's bearer token: {@code PINCER_WEB_TOKEN} when set, else the contents of
 * {@code data/web-token}, generated at first start (32 random bytes, URL-safe base64) and kept
 * readable by the owner only (mode 0600).
 */
public final class WebToken {
    private WebToken() {}

    private static final Logger log = LoggerFactory.getLogger(WebToken.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Returns the token to require.
     *
     * @param explicit  the {@code PINCER_WEB_TOKEN} setting, or null/blank when unset
     * @param tokenFile where the generated token lives ({@code Layout.webTokenFile()})
     * @throws IOException when the file cannot be read or created; the message names the file
     */
    public static String resolve(String explicit, Path tokenFile) throws IOException {
        if (explicit != null && !explicit.isBlank()) {
            String token = explicit.strip();
            if (token.length() < 16) {
                log.warn("PINCER_WEB_TOKEN is shorter than 16 characters; anyone who guesses it can use your assistant");
            }
            return token;
        }
        return readOrCreate(tokenFile);
    }

    /** Reads the token file, fixing a mode wider than 0600, or creates it with a new token. */
    public static String readOrCreate(Path tokenFile) throws IOException {
        if (Files.isSymbolicLink(tokenFile)) {
            throw new IOException(tokenFile + " is a symbolic link; remove it and restart so Pincer can create the web token there");
        }
        if (Files.exists(tokenFile, LinkOption.NOFOLLOW_LINKS)) {
            String token = read(tokenFile);
            if (!token.isEmpty()) {
                return token;
            }
            log.warn("{} is empty; writing a new web token", tokenFile);
            Files.delete(tokenFile);
        }
        return create(tokenFile);
    }

    /** A new random token: 32 bytes, URL-safe base64 without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String read(Path tokenFile) throws IOException {
        if (posix(tokenFile)) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(tokenFile, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(mode)) {
                log.warn("{} was readable by others (mode {}); setting it to rw-------", tokenFile,
                        PosixFilePermissions.toString(mode));
                Files.setPosixFilePermissions(tokenFile, OWNER_ONLY);
            }
        }
        return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    }

    /**
     * Writes the token to a temporary file created with mode 0600, then links it into place; the
     * link fails if another process created the file first, and then that file's token wins.
     */
    private static String create(Path tokenFile) throws IOException {
        Path dir = tokenFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        FileAttribute<?>[] attrs = posix(tokenFile)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, ".web-token-", ".tmp", attrs);
        try {
            String token = generate();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write((token + "\n").getBytes(StandardCharsets.UTF_8));
            }
            try {
                Files.createLink(tokenFile, tmp);
            } catch (FileAlreadyExistsException e) {
                return read(tokenFile);
            } catch (UnsupportedOperationException | IOException e) {
                Files.move(tmp, tokenFile);
            }
            return token;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
