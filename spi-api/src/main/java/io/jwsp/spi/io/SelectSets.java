package io.jwsp.spi.io;

import io.jwsp.spi.WspSocket;
import java.util.List;

/** WSPSelect's fd_sets, all sockets of one provider: the sets asked for, or the ready subsets answered. */
public record SelectSets(List<WspSocket> read, List<WspSocket> write, List<WspSocket> except) {
    public SelectSets {
        read = List.copyOf(read);
        write = List.copyOf(write);
        except = List.copyOf(except);
    }

    public int total() {
        return read.size() + write.size() + except.size();
    }
}
