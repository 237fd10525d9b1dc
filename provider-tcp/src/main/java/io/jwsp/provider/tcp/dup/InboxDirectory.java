package io.jwsp.provider.tcp.dup;

import io.jwsp.provider.tcp.kernel.Descriptors;
import io.jwsp.provider.tcp.kernel.FdPassing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The directory where each jwsp process that accepts duplicated sockets keeps its endpoint, {@code <pid>.sock}. It
 * belongs to this user alone (mode 0700, owned by our uid, not a symbolic link): nobody else can put an endpoint
 * there or reach ours, which is the first of the checks (SO_PEERCRED is the second).
 */
public record InboxDirectory(Path path) {
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** {@code $XDG_RUNTIME_DIR/jwsp-dup} when that is set, else {@code <java.io.tmpdir>/jwsp-dup-<uid>}. */
    public static Path defaultPath() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime, "jwsp-dup");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "jwsp-dup-" + Descriptors.uid());
    }

    /** The endpoint of process {@code pid}. */
    public Path endpoint(long pid) {
        return path.resolve(pid + ".sock");
    }

    /** Creates the directory (0700) if it is missing; the reason it cannot be trusted, or {@code null}. */
    public String prepare() {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot create " + path + ": " + e;
        }
        return check();
    }

    /** Why the directory is not ours alone, or {@code null} when it is. */
    public String check() {
        try {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory() || a.isSymbolicLink()) {
                return path + " is not a directory";
            }
            Object uid = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (!(uid instanceof Integer u) || u != Descriptors.uid()) {
                return path + " is owned by uid " + uid + ", not by this process's " + Descriptors.uid();
            }
            if (!a.permissions().equals(OWNER_ONLY)) {
                return path + " has mode " + PosixFilePermissions.toString(a.permissions()) + ", not rwx------";
            }
            if (!FdPassing.fits(endpoint(Long.MAX_VALUE))) {
                return path + " is too long for an AF_UNIX address";
            }
            return null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "cannot check " + path + ": " + e;
        }
    }
}
