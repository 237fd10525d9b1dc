/**
 * The bytes on the simulated infrared medium: IrLAP frames (IrLAP 1.1) carrying IrLMP (IrLMP 1.1), TinyTP
 * (TinyTP 1.1) and LM-IAS PDUs. {@link io.jwsp.provider.irda.frame.IrlapCodec} is the one seam between the stack's
 * {@link io.jwsp.provider.irda.medium.LmpFrame} and those bytes; its decoder is total.
 */
package io.jwsp.provider.irda.frame;
