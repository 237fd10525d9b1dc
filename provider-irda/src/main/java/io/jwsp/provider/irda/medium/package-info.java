/**
 * The simulated infrared medium: devices, an in-range matrix, and one IrLAP link per device pair carrying IrLMP
 * frames in order, each taking its air time on the provider's clock. Links bring themselves up with SNRM/UA,
 * answer bursts with RR, and fail with reason 2 when out of range past the disconnect threshold. Every frame is
 * reported to the runtime's wire tap (kinds XID, SNRM, UA, IAS, CONNECT, CONFIRM, DATA, CREDIT, RR, DISCONNECT).
 *
 * <p>Between processes, {@link io.jwsp.provider.irda.medium.UdpTransport} carries one frame per datagram on
 * 127.0.0.1 ({@link io.jwsp.provider.irda.medium.FrameCodec}: sequence-numbered; stale datagrams are dropped).
 * Discovery is an XID datagram to the configured peer, answered with the devices of the other process.
 */
package io.jwsp.provider.irda.medium;
