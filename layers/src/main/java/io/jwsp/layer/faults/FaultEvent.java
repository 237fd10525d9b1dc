package io.jwsp.layer.faults;

/**
 * One fault that fired.
 *
 * @param socket     the socket's ordinal ({@link FaultTarget#ordinal()}), 0 for provider-wide calls
 * @param call       the call's name
 * @param occurrence which occurrence of the call on that socket (1-based) triggered it
 * @param rule       the rule's index in its plan
 * @param action     what it did
 */
public record FaultEvent(int socket, String call, long occurrence, int rule, FaultAction action) {
}
