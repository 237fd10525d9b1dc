/**
 * The simulated switch, and its UDP carriage between processes.
 *
 * <h2>Between processes: threat model</h2>
 * {@link io.jwsp.provider.atm.sw.UdpSwitchHost} and {@link io.jwsp.provider.atm.sw.UdpSwitchLink} carry Q.2931
 * messages, port management (ATTACH, ASSIGNED, DETACH, and the hand-over messages of
 * {@link io.jwsp.provider.atm.sw.HandOverMessage}) and cell runs in the envelopes of the
 * {@code io.jwsp.carriage} module: an HMAC-SHA-256 tag (16 bytes) under the key the processes share
 * ({@code atm.udp.key}, or the owner-only file {@code atm.udp.keyFile}, default {@code ~/.jwsp/atm.key}, created on
 * first use), over the envelope and both UDP addresses; a handshake with fresh nonces per direction; sequence
 * numbers with acknowledgement and retransmission; a keepalive ({@code atm.udp.keepaliveMillis}). The attacker is
 * a local process without the key that can send any datagram to the switch's or an attached process's ports and may
 * read loopback traffic:
 * <ul>
 *   <li>it cannot inject cells or signalling, nor attach, detach or speak for another process: the tag fails, the
 *       datagram is dropped and counted ({@code AtmNetwork.carriageStatistics()}), a WARN is logged at most every
 *       10 s; an attached process takes datagrams only from its switch's two addresses;</li>
 *   <li>it cannot replay: an old session's nonces are refused, a repeated number is not delivered twice;</li>
 *   <li>it cannot stop a receive thread: the envelope, Q.2931, management and cell decoders answer "malformed" for
 *       any input;</li>
 *   <li>it can flood the ports or, if it controls the path, drop datagrams: retransmission repairs losses, and a
 *       peer silent past the keepalive is gone: the switch releases that process's calls with cause 27
 *       (destination out of order), an attached process releases its own with cause 41 (temporary failure); the
 *       sockets see WSAECONNRESET (a non-normal release) and sends fail. It can read what crosses (no
 *       encryption).</li>
 *   <li>it cannot take over a VC handed to another process: the token is 16 random bytes, used once; a CLAIM from a
 *       port whose process is not the one named, or with an unknown, spent or expired token, is refused and counted
 *       ({@code SwitchStatistics.handOversRefused}), and the token stays good for its process;</li>
 *   <li>a process that holds the key is a peer: it is trusted (it could claim a VC by attaching with the target's
 *       pid if it also learnt the token, which crosses only inside the application's own channel).</li>
 * </ul>
 * Only loopback addresses are bound unless {@code atm.udp.allowNonLoopback} is set (never a wildcard), as for IrDA.
 */
package io.jwsp.provider.atm.sw;
