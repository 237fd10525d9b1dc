package io.jwsp.layer.faults;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the rules count on one socket (or, for provider-wide calls, one provider): occurrences and firings per
 * rule, bytes moved each way, and a random generator per rule seeded from the plan's seed, the rule's index and
 * the socket's ordinal, so one socket's faults do not depend on how other sockets' calls interleave with it.
 */
final class FaultScope {
    private final FaultTarget target;
    private final Map<FaultRule, RuleCount> counts = new IdentityHashMap<>();
    private long sent;
    private long received;
    private FaultPlan countedFor;

    private static final class RuleCount {
        long occurrences;
        long firings;
        SplittableRandom random;
    }

    FaultScope(FaultTarget target) {
        this.target = target;
    }

    FaultTarget target() {
        return target;
    }

    synchronized void moved(Direction direction, long bytes) {
        if (bytes > 0) {
            if (direction == Direction.OUT) {
                sent += bytes;
            } else if (direction == Direction.IN) {
                received += bytes;
            }
        }
    }

    /** The first rule of {@code plan} that fires on this occurrence of {@code call}, as an event; or null. */
    synchronized FaultEvent decide(FaultPlan plan, String call, Direction direction) {
        if (plan != countedFor) {
            counts.clear();
            countedFor = plan;
        }
        long moved = switch (direction) {
            case OUT -> sent;
            case IN -> received;
            case NONE -> sent + received;
        };
        var rules = plan.rules();
        for (int i = 0; i < rules.size(); i++) {
            FaultRule rule = rules.get(i);
            if (!rule.matches(call) || !rule.sockets().test(target)) {
                continue;
            }
            RuleCount c = counts.computeIfAbsent(rule, r -> new RuleCount());
            long occurrence = ++c.occurrences;
            if (occurrence <= rule.skip() || c.firings >= rule.times() || moved < rule.afterBytes()) {
                continue;
            }
            if (rule.probability() < 1.0) {
                if (c.random == null) {
                    c.random = new SplittableRandom(mix(plan.seed(), i, target.ordinal()));
                }
                if (c.random.nextDouble() >= rule.probability()) {
                    continue;
                }
            }
            c.firings++;
            return new FaultEvent(target.ordinal(), call, occurrence, i, rule.action());
        }
        return null;
    }

    private static long mix(long seed, int rule, int ordinal) {
        long h = seed * 0x9E3779B97F4A7C15L + rule;
        return h * 0xBF58476D1CE4E5B9L + ordinal;
    }

    enum Direction { OUT, IN, NONE }
}
