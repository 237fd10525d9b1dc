package io.jwsp.carriage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The key the processes of one medium share: given as a setting (64 hex digits), or kept in a file only its owner
 * may read, created with a fresh random key on first use (as ssh creates known_hosts): two processes of one user
 * on one host then share it with nothing to set up. A file that group or others may read is refused, as ssh refuses
 * a private key others can read.
 */
public final class CarriageKey {
    /** Bytes of key: HMAC-SHA-256's block is larger, its output the same size. */
    public static final int BYTES = 32;

    private CarriageKey() {
    }

    /** The default key file of {@code medium}: {@code ~/.jwsp/<medium>.key}. */
    public static Path defaultFile(String medium) {
        return Path.of(System.getProperty("user.home"), ".jwsp", medium + ".key");
    }

    /**
     * The key a medium's settings name: {@code hex} when set, else the file {@code file} (or the medium's default
     * file), created on first use.
     */
    public static byte[] resolve(String hex, String file, String medium) throws IOException {
        if (hex != null && !hex.isBlank()) {
            return parse(hex);
        }
        return loadOrCreate(file != null && !file.isBlank() ? Path.of(file) : defaultFile(medium));
    }

    /** The key in {@code hex} (64 hex digits). */
    public static byte[] parse(String hex) {
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a carriage key is " + BYTES * 2 + " hex digits");
        }
        if (key.length != BYTES) {
            throw new IllegalArgumentException("a carriage key is " + BYTES * 2 + " hex digits, not " + hex.length());
        }
        return key;
    }

    /** Reads the key in {@code file}, creating the file (and its directory) owner-only with a random key first. */
    public static byte[] loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        checkOwnerOnly(file);
        return parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileAttributeView(dir.getRoot(), PosixFileAttributeView.class) != null;
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        Path tmp = posix
                ? Files.createTempFile(dir, ".key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".key", ".tmp");
        try {
            Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
            // Two processes started together may both create it: a link is atomic and never replaces, so the
            // first one in wins and the other reads that one.
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException e) {
            // another process created it first
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> p = view.readAttributes().permissions();
        for (PosixFilePermission bad : Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE)) {
            if (p.contains(bad)) {
                throw new IOException("the key file " + file + " may be read or written by others ("
                        + PosixFilePermissions.toString(p) + "): chmod 600 it");
            }
        }
    }
}
