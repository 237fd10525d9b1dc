package io.jwsp.reliability.badinput;

import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.option.SocketOptions;
import java.util.List;
import java.util.Optional;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for {@link Step}: every argument drawn across its valid and invalid values. QuickTheories
 * shrinks what these make by shrinking the random draws behind them, so mapped and zipped values shrink too.
 */
final class Steps {
    private static final int PERCENT_LEFT_OUT = 5;

    private Steps() {
    }

    /**
     * Sequences of 1 to {@code maxSteps} calls. Each drawn step may also be left out (rarely while generating): a
     * list's length shrinks only from its end, but a left-out step shrinks from anywhere, so a failing sequence
     * shrinks to the steps it needs rather than to a long run of harmless ones.
     */
    static Gen<List<Step>> sequences(int maxSteps) {
        return lists().of(any().toOptionals(PERCENT_LEFT_OUT)).ofSizeBetween(1, maxSteps)
                .map(drawn -> drawn.stream().flatMap(Optional::stream).toList())
                .assuming(steps -> !steps.isEmpty());
    }

    static Gen<Step> any() {
        Gen<Step.HandleRef> h = handles();
        return Generate.frequency(List.of(
                Pair.of(4, Generate.constant(new Step.Socket())),
                Pair.of(2, Generate.constant(new Step.ConnectedPair())),
                Pair.of(3, h.map(Step.Close::new)),
                Pair.of(2, h.map(Step.Duplicate::new)),
                Pair.of(3, h.zip(addresses(), Step.Bind::new)),
                Pair.of(2, h.zip(Generate.range(-2, 300), Step.Listen::new)),
                Pair.of(2, h.map(Step.Accept::new)),
                Pair.of(3, h.zip(addresses(), Step.Connect::new)),
                Pair.of(3, h.zip(buffers(), flags(), Step.Send::new)),
                Pair.of(3, h.zip(buffers(), flags(), Step.Recv::new)),
                Pair.of(2, h.zip(Generate.range(-1, 4), Step.Shutdown::new)),
                Pair.of(3, h.zip(levels(), optnames(), rawValues(), optlens(), Step.SetOptRaw::new)),
                Pair.of(2, h.zip(levels(), optnames(), rawValues(), optlens(), Step.GetOptRaw::new)),
                Pair.of(2, h.zip(Generate.booleans(), Generate.range(0, 3), Step.SetLinger::new)),
                Pair.of(1, h.map(Step.GetSockName::new)),
                Pair.of(1, h.map(Step.GetPeerName::new)),
                Pair.of(1, h.map(Step.BytesReadable::new))));
    }

    /** Mostly handles issued earlier in the sequence (live or stale), sometimes values never issued. */
    static Gen<Step.HandleRef> handles() {
        Gen<Step.HandleRef> issued = Generate.range(0, 7).map(Step.HandleRef.Issued::new);
        Gen<Step.HandleRef> invented = Generate.oneOf(
                Generate.pick(List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, (7L << 32) | 3)),
                longs().all()).map(Step.HandleRef.Invented::new);
        return Generate.frequency(List.of(Pair.of(6, issued), Pair.of(1, invented)));
    }

    static Gen<Step.Address> addresses() {
        return Generate.enumValues(Step.Address.class);
    }

    static Gen<Step.Buffer> buffers() {
        return Generate.enumValues(Step.Buffer.class);
    }

    static Gen<Integer> flags() {
        return Generate.frequency(List.of(Pair.of(6, Generate.constant(0)),
                Pair.of(1, Generate.constant(MsgFlags.MSG_PEEK)), Pair.of(1, Generate.constant(MsgFlags.MSG_OOB)),
                Pair.of(1, Generate.constant(0x7F00))));
    }

    static Gen<Integer> levels() {
        return Generate.frequency(List.of(Pair.of(5, Generate.constant(SocketOptions.SOL_SOCKET)),
                Pair.of(1, Generate.constant(6 /* IPPROTO_TCP */)), Pair.of(1, Generate.constant(0x1234)),
                Pair.of(1, Generate.constant(-1))));
    }

    static Gen<Integer> optnames() {
        return Generate.oneOf(
                Generate.pick(SocketOptions.STANDARD.stream().map(o -> o.name()).toList()),
                Generate.pick(List.of(0x7777, 0, -1, 0x1001)));
    }

    static Gen<Step.RawValue> rawValues() {
        return Generate.oneOf(Generate.constant(new Step.RawValue(true, 0)),
                Generate.range(0, 12).map(n -> new Step.RawValue(false, n)));
    }

    static Gen<Integer> optlens() {
        return Generate.range(-1, 16);
    }
}
