/**
 * WSADuplicateSocket of an IrDA connection into another process: the connection moves. Its state lives in the IrLMP
 * and TinyTP stack of the process that owns it, so the source freezes it, the other end re-points it at the target,
 * and the target takes it with every byte it held ({@link io.jwsp.provider.irda.handover.HandoverFrame} has the
 * steps). Afterwards the source has nothing of it left and may exit.
 *
 * <p>What crosses between processes: the frames ride the UDP medium's carriage (authenticated under its key,
 * ordered, acknowledged); the connection is bound to the hand-over by a single-use random token that only
 * dwProviderReserved carries ({@link io.jwsp.provider.irda.handover.HandoverToken}); every frame is decoded with
 * limits ({@link io.jwsp.provider.irda.handover.HandoverCodec}); each step is taken only from the process it is
 * expected from; whatever is refused is counted ({@link io.jwsp.provider.irda.handover.HandoverCounters}).
 */
package io.jwsp.provider.irda.handover;
