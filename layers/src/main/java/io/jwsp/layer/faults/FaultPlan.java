package io.jwsp.layer.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An immutable list of fault rules and the seed their probabilities are drawn from. The first rule that fires on a
 * call decides it. The same plan, seed and sequence of calls give the same faults.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.on("recv").after(3).fail(WsaError.WSAENETDOWN)
 *         .and("send").withProbability(0.1).drop()
 *         .seed(42);
 * }</pre>
 */
public record FaultPlan(List<FaultRule> rules, long seed) {
    private static final FaultPlan NONE = new FaultPlan(List.of(), 0);

    public FaultPlan {
        rules = List.copyOf(rules);
    }

    /** No faults: the layer passes everything down. */
    public static FaultPlan none() {
        return NONE;
    }

    /** Starts a plan with a rule for {@code calls}. */
    public static RuleBuilder on(String... calls) {
        return NONE.and(calls);
    }

    /** Adds a rule for {@code calls}. */
    public RuleBuilder and(String... calls) {
        if (calls.length == 0) {
            throw new IllegalArgumentException("name at least one call, or \"*\"");
        }
        return new RuleBuilder(this, Set.of(calls));
    }

    /** The same rules with another seed. */
    public FaultPlan seed(long newSeed) {
        return new FaultPlan(rules, newSeed);
    }

    FaultPlan with(FaultRule rule) {
        List<FaultRule> more = new ArrayList<>(rules);
        more.add(rule);
        return new FaultPlan(more, seed);
    }

    /** Parses the text form ({@link FaultPlanText}), as the setting {@code faults.plan} holds it. */
    public static FaultPlan parse(String text) {
        return FaultPlanText.parse(text);
    }
}
