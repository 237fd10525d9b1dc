package io.jwsp.carriage;

import java.net.InetSocketAddress;

/**
 * Everything a carriage was given for one peer up to a point: the number the last of those frames has (or will
 * have) in the session that was in use. {@link Carriage#awaitAcknowledged} waits until the peer acknowledged it.
 *
 * @param peer    where the frames go
 * @param session which of the carriage's sessions to {@code peer} numbered them (a restart or loss makes a new one)
 * @param seq     the number of the last frame, 0 when nothing was given
 */
public record DeliveryMark(InetSocketAddress peer, long session, long seq) {
}
