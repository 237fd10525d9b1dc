package io.jwsp.reliability;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a piece of work may leave behind in this process: open file descriptors (Linux {@code /proc/self/fd}) and
 * live threads. Taken before and after; {@link #leftSince} names what is new, tolerating threads the JVM, the common
 * pool and virtual-thread carriers start on their own.
 *
 * @param fds       open descriptors now, or -1 where {@code /proc/self/fd} does not exist
 * @param fdTargets what each descriptor is ({@code socket:[inode]}, a path, {@code anon_inode:[eventpoll]} ...)
 * @param threads   ids of the live platform threads the check counts
 * @param names     the same threads as {@code name#id}, for messages
 */
public record ProcessFootprint(int fds, java.util.List<String> fdTargets, Set<Long> threads, Set<String> names) {
    private static final Path FD_DIR = Path.of("/proc/self/fd");

    public static ProcessFootprint capture() {
        Set<Long> ids = new HashSet<>();
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isVirtual() && !tolerated(t)) {
                ids.add(t.threadId());
                names.add(t.getName() + "#" + t.threadId());
            }
        }
        java.util.List<String> targets = listFds();
        return new ProcessFootprint(targets == null ? -1 : targets.size(), targets == null ? java.util.List.of()
                : targets, Set.copyOf(ids), Set.copyOf(names));
    }

    /** Open descriptors of this process, or -1 when the platform does not show them. */
    public static int fdCount() {
        java.util.List<String> t = listFds();
        return t == null ? -1 : t.size();
    }

    /** What each open descriptor points at, or {@code null} when the platform does not show them. */
    private static java.util.List<String> listFds() {
        if (!Files.isDirectory(FD_DIR)) {
            return null;
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(FD_DIR)) {
            for (Path fd : ds) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed while listed (the directory stream's own descriptor among them)
                }
            }
        } catch (IOException e) {
            return null;
        }
        out.remove(FD_DIR.toString()); // a listing may show the stream's own descriptor as the directory
        java.util.Collections.sort(out);
        return java.util.List.copyOf(out);
    }

    /** JVM housekeeping and pools that come and go by themselves, whatever the code under test does. */
    private static boolean tolerated(Thread t) {
        String n = t.getName();
        return t.getThreadGroup() == null
                || "system".equals(t.getThreadGroup().getName())
                || n.startsWith("ForkJoinPool.commonPool")
                || n.startsWith("ForkJoinPool-") // virtual-thread carriers and other pools
                || n.startsWith("CarrierThread")
                || n.startsWith("VirtualThread-") // the JDK's unparker and unblocker
                || n.startsWith("surefire")
                || n.startsWith("process reaper")
                || n.startsWith("Attach Listener")
                || n.startsWith("Common-Cleaner")
                || n.startsWith("Notification Thread")
                || n.startsWith("JUnit")
                || n.startsWith("FileSystemWatch")
                || n.startsWith("Lincheck");
    }

    /**
     * What is here now that was not in {@code before}: empty when nothing is left behind. Fewer descriptors or
     * threads than before are fine.
     */
    public String leftSince(ProcessFootprint before) {
        StringBuilder out = new StringBuilder();
        if (before.fds >= 0 && fds > before.fds) {
            java.util.List<String> extra = new java.util.ArrayList<>(fdTargets);
            before.fdTargets.forEach(extra::remove);
            out.append(fds - before.fds).append(" more open file descriptor(s) (").append(before.fds).append(" -> ")
                    .append(fds).append("): ").append(extra);
        }
        Set<String> extra = new TreeSet<>();
        for (String name : names) {
            long id = Long.parseLong(name.substring(name.lastIndexOf('#') + 1));
            if (!before.threads.contains(id)) {
                extra.add(name);
            }
        }
        if (!extra.isEmpty()) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append("new thread(s) still alive: ").append(extra);
        }
        return out.toString();
    }

    /**
     * Waits, at most {@code bound} of real time, until nothing is left since {@code before}: a provider thread ends
     * and a deferred descriptor close completes shortly after the close call returns, so this polls the condition
     * instead of sleeping once. Answers what is still left then (empty: nothing).
     */
    public static String awaitNothingLeftSince(ProcessFootprint before, java.time.Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        while (true) {
            String left = capture().leftSince(before);
            if (left.isEmpty() || System.nanoTime() > end) {
                return left;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
