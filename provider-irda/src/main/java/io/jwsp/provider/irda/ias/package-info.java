/** IAS values and the per-device IAS database (IAS_SET, IAS_QUERY, IrDA:TinyTP:LsapSel). */
package io.jwsp.provider.irda.ias;
