/**
 * The carriage between processes of one simulated medium: one opaque frame (whatever the medium's codec made) per
 * UDP datagram, inside an envelope that {@link io.jwsp.carriage.Carriage} adds and checks.
 *
 * <h2>Envelope</h2>
 * {@code 'J' 'C' version type senderNonce(8) receiverNonce(8) seq(8) ack(8) frame tag(16)}, big-endian. The tag is
 * HMAC-SHA-256, truncated to 16 bytes, over the envelope, the sender's UDP address and the receiver's UDP address,
 * under the key the processes share ({@link io.jwsp.carriage.CarriageKey}).
 *
 * <h2>Handshake and sessions</h2>
 * Each direction between two addresses is a session. The sender opens it with HELLO carrying a fresh random nonce
 * {@code s}; the receiver answers CHALLENGE echoing {@code s} with a fresh random nonce {@code n} of its own. DATA,
 * PING and ACK of that session carry both nonces; the receiver accepts only the pair it handed out, the sender
 * only the pair it holds. A new pair replaces an old one only when the first DATA or PING proves the sender holds
 * it: the old session is then over (the peer restarted), which the medium hears as a lost peer.
 *
 * <h2>Order, loss, liveness</h2>
 * DATA is numbered from 1; the receiver delivers in order, keeps what comes after a hole (bounded) and
 * acknowledges cumulatively (ACK); the sender keeps what is unacknowledged (a bounded window in flight, a bounded
 * queue behind it) and sends the oldest again after three duplicate acknowledgements or the retransmission timeout
 * (doubled on each expiry, up to a second), then each next hole a partial acknowledgement shows. An idle session sends PING with a rising counter, which the
 * receiver echoes in its ACK. A peer from which nothing fresh was heard for the dead-after time is removed and
 * reported lost; so is a peer whose handshake never completes.
 *
 * <h2>Threat model</h2>
 * The attacker is a local process that can send any datagram to the carriage's ports and may read what crosses
 * the loopback interface (a capture), but cannot read the key (a file only its owner may read, or a setting).
 * <ul>
 *   <li>It cannot inject a frame, alter one, or make one come from another address: the tag fails, the datagram is
 *       dropped and counted ({@code droppedUnauthenticated}).</li>
 *   <li>It cannot replay: a datagram of an old session carries nonces that are no longer accepted
 *       ({@code droppedStale}); within a session a repeated number is a duplicate and is not delivered again; a
 *       replayed HELLO costs one CHALLENGE the real peer ignores and never displaces the session in use; a
 *       replayed PING or ACK is not fresh and does not keep a dead peer alive.</li>
 *   <li>It cannot make a decoder throw: every envelope and frame is bounds-checked; malformed input is dropped
 *       and counted ({@code droppedMalformed}).</li>
 *   <li>It can deny service: flood the port (the kernel drops datagrams, which retransmission then repairs while
 *       the flood leaves room), or drop datagrams if it controls the path, which ends in a lost peer. It can read
 *       frames: the carriage authenticates, it does not encrypt.</li>
 *   <li>A process that holds the key is a peer: the carriage does not defend against it.</li>
 * </ul>
 */
package io.jwsp.carriage;
