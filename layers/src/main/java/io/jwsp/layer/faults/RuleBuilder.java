package io.jwsp.layer.faults;

import io.jwsp.spi.result.WsaError;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fluent half of {@link FaultPlan}: conditions, then one action that answers the plan with the rule added.
 * {@code FaultPlan.on("recv").after(3).fail(WsaError.WSAENETDOWN)}.
 */
public final class RuleBuilder {
    private final FaultPlan plan;
    private final Set<String> calls;
    private Predicate<FaultTarget> sockets = s -> true;
    private long skip;
    private long times = Long.MAX_VALUE;
    private long afterBytes;
    private double probability = 1.0;

    RuleBuilder(FaultPlan plan, Set<String> calls) {
        this.plan = plan;
        this.calls = calls;
    }

    /** Lets the first {@code n} occurrences pass: the fault starts with occurrence n + 1. */
    public RuleBuilder after(long n) {
        this.skip = n;
        return this;
    }

    /** Only the {@code n}th occurrence (1-based). */
    public RuleBuilder nth(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("occurrences count from 1");
        }
        this.skip = n - 1;
        this.times = 1;
        return this;
    }

    /** At most {@code n} firings per socket. */
    public RuleBuilder times(long n) {
        this.times = n;
        return this;
    }

    /** Once the socket has moved at least {@code bytes} in the call's direction. */
    public RuleBuilder afterBytes(long bytes) {
        this.afterBytes = bytes;
        return this;
    }

    /** Fires with probability {@code p}, drawn from the plan's seeded generator. */
    public RuleBuilder withProbability(double p) {
        this.probability = p;
        return this;
    }

    /** Only on the {@code ordinal}th socket the layer made ({@link FaultTarget#ordinal()}). */
    public RuleBuilder onSocket(int ordinal) {
        return where(s -> s.ordinal() == ordinal);
    }

    /** Only on sockets accept made (the server side of a connection). */
    public RuleBuilder onAccepted() {
        return where(FaultTarget::accepted);
    }

    /** Only on sockets the application made itself (not accepted ones). */
    public RuleBuilder onCreated() {
        return where(s -> !s.accepted());
    }

    /** Only on sockets {@code choice} accepts; several conditions all hold. */
    public RuleBuilder where(Predicate<FaultTarget> choice) {
        this.sockets = this.sockets.and(choice);
        return this;
    }

    public FaultPlan fail(WsaError error) {
        return then(new FaultAction.Fail(error));
    }

    public FaultPlan delay(Duration delay) {
        return then(new FaultAction.Delay(delay));
    }

    public FaultPlan drop() {
        return then(new FaultAction.Drop());
    }

    public FaultPlan reset() {
        return then(new FaultAction.Reset());
    }

    public FaultPlan then(FaultAction action) {
        return plan.with(new FaultRule(calls, sockets, skip, times, afterBytes, probability, action));
    }
}
