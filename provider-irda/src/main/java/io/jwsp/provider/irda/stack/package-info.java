/**
 * IrLMP with TinyTP and IAS on the devices of one space: LSAP selectors, listeners that confirm incoming CONNECTs
 * into a backlog, TinyTP connections with credit-based flow control (credit goes back only as the application
 * reads), and the IAS server on LSAP 0 answering GetValueByClass.
 */
package io.jwsp.provider.irda.stack;
