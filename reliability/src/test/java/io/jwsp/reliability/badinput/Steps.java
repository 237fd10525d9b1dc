package io.jwsp.reliability.badinput;

import io.jwsp.spi.io.MsgFlags;
import io.jwsp.spi.option.SocketOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik arbitraries for {@link Step}: every argument drawn across its valid and invalid values. */
final class Steps {
    private Steps() {
    }

    static Arbitrary<Step> any() {
        Arbitrary<Step.HandleRef> h = handles();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(new Step.Socket())),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Step.ConnectedPair())),
                net.jqwik.api.Tuple.of(3, h.map(Step.Close::new)),
                net.jqwik.api.Tuple.of(2, h.map(Step.Duplicate::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(h, addresses()).as(Step.Bind::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(h, Arbitraries.integers().between(-2, 300))
                        .as(Step.Listen::new)),
                net.jqwik.api.Tuple.of(2, h.map(Step.Accept::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(h, addresses()).as(Step.Connect::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(h, buffers(), flags()).as(Step.Send::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(h, buffers(), flags()).as(Step.Recv::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(h, Arbitraries.integers().between(-1, 4))
                        .as(Step.Shutdown::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(h, levels(), optnames(), rawValues(), optlens())
                        .as(Step.SetOptRaw::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(h, levels(), optnames(), rawValues(), optlens())
                        .as(Step.GetOptRaw::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(h, Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 3)).as(Step.SetLinger::new)),
                net.jqwik.api.Tuple.of(1, h.map(Step.GetSockName::new)),
                net.jqwik.api.Tuple.of(1, h.map(Step.GetPeerName::new)),
                net.jqwik.api.Tuple.of(1, h.map(Step.BytesReadable::new)));
    }

    /** Mostly handles issued earlier in the sequence (live or stale), sometimes values never issued. */
    static Arbitrary<Step.HandleRef> handles() {
        Arbitrary<Step.HandleRef> issued = Arbitraries.integers().between(0, 7).map(Step.HandleRef.Issued::new);
        Arbitrary<Step.HandleRef> invented = Arbitraries.oneOf(
                Arbitraries.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, (7L << 32) | 3),
                Arbitraries.longs()).map(Step.HandleRef.Invented::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, issued), net.jqwik.api.Tuple.of(1, invented));
    }

    static Arbitrary<Step.Address> addresses() {
        return Arbitraries.of(Step.Address.class);
    }

    static Arbitrary<Step.Buffer> buffers() {
        return Arbitraries.of(Step.Buffer.class);
    }

    static Arbitrary<Integer> flags() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(1, MsgFlags.MSG_PEEK),
                net.jqwik.api.Tuple.of(1, MsgFlags.MSG_OOB), net.jqwik.api.Tuple.of(1, 0x7F00));
    }

    static Arbitrary<Integer> levels() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(5, SocketOptions.SOL_SOCKET),
                net.jqwik.api.Tuple.of(1, 6 /* IPPROTO_TCP */), net.jqwik.api.Tuple.of(1, 0x1234),
                net.jqwik.api.Tuple.of(1, -1));
    }

    static Arbitrary<Integer> optnames() {
        return Arbitraries.oneOf(
                Arbitraries.of(SocketOptions.STANDARD.stream().map(o -> o.name()).toList()),
                Arbitraries.of(0x7777, 0, -1, 0x1001));
    }

    static Arbitrary<Step.RawValue> rawValues() {
        return Arbitraries.oneOf(Arbitraries.just(new Step.RawValue(true, 0)),
                Arbitraries.integers().between(0, 12).map(n -> new Step.RawValue(false, n)));
    }

    static Arbitrary<Integer> optlens() {
        return Arbitraries.integers().between(-1, 16);
    }
}
