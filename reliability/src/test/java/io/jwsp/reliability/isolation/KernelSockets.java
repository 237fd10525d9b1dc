package io.jwsp.reliability.isolation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * This process's kernel sockets as Linux shows them: the inodes behind {@code /proc/self/fd}, matched against
 * {@code /proc/net/{tcp,tcp6,udp,udp6}} to learn each one's local address and state.
 */
final class KernelSockets {
    /** One kernel socket of this process: protocol file, local address (hex as the kernel prints it), state. */
    record Socket(String table, String localHex, String state, long inode) {
        boolean listening() {
            return table.startsWith("tcp") && state.equals("0A");
        }

        /** 127.0.0.0/8 or ::1 (or the IPv4-mapped 127.x). */
        boolean loopbackOnly() {
            String addr = localHex.substring(0, localHex.indexOf(':'));
            if (addr.length() == 8) {
                return addr.endsWith("7F"); // little-endian: the last byte printed is the first octet
            }
            return addr.equals("00000000000000000000000001000000")
                    || (addr.startsWith("0000000000000000FFFF0000") && addr.endsWith("7F"));
        }

        boolean wildcard() {
            String addr = localHex.substring(0, localHex.indexOf(':'));
            return addr.chars().allMatch(c -> c == '0');
        }
    }

    private KernelSockets() {
    }

    static Set<Long> ownInodes() throws IOException {
        Set<Long> out = new HashSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : ds) {
                try {
                    String t = Files.readSymbolicLink(fd).toString();
                    if (t.startsWith("socket:[")) {
                        out.add(Long.parseLong(t.substring(8, t.length() - 1)));
                    }
                } catch (IOException e) {
                    // closed while listed
                }
            }
        }
        return out;
    }

    /** This process's sockets whose inode is in {@code inodes}. */
    static List<Socket> of(Set<Long> inodes) throws IOException {
        List<Socket> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path p = Path.of("/proc/net", table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                long inode = Long.parseLong(f[9]);
                if (inodes.contains(inode)) {
                    out.add(new Socket(table, f[1], f[3], inode));
                }
            }
        }
        return out;
    }
}
