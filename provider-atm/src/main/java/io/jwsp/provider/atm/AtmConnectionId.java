package io.jwsp.provider.atm;

/** ATM_CONNECTION_ID as SIO_GET_ATM_CONNECTION_ID answers it: the local device and the VC's VPI/VCI on it. */
public record AtmConnectionId(int deviceNumber, int vpi, int vci) {
}
