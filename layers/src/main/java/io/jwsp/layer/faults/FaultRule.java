package io.jwsp.layer.faults;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One rule of a {@link FaultPlan}: which calls ({@code "*"} for all) on which sockets, when, and what happens.
 * Occurrences and bytes are counted per socket (provider-wide calls such as {@code socket} count per provider).
 * Conditions combine: the rule fires on an occurrence after {@code skip}, once the socket moved at least
 * {@code afterBytes} in that direction, with probability {@code probability}, at most {@code times} times.
 *
 * @param calls       call names as the contract spells them ({@code send}, {@code recv}, {@code closeSocket}, ...)
 * @param sockets     which sockets the rule applies to
 * @param skip        occurrences to let pass first
 * @param times       most firings per socket
 * @param afterBytes  bytes the socket must have moved (sent for the send calls, received for the receive calls)
 * @param probability chance of firing when everything else holds (drawn from the plan's seeded generator)
 * @param action      what the fault does
 */
public record FaultRule(Set<String> calls, Predicate<FaultTarget> sockets, long skip, long times, long afterBytes,
                        double probability, FaultAction action) {
    public FaultRule {
        calls = Set.copyOf(calls);
        Objects.requireNonNull(sockets, "sockets");
        Objects.requireNonNull(action, "action");
        if (skip < 0 || times < 0 || afterBytes < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability outside [0, 1]: " + probability);
        }
    }

    boolean matches(String call) {
        return calls.contains(call) || calls.contains("*");
    }
}
