package io.jwsp.provider.atm;

/** Q.2931 call states at the user side (Q.2931 2.1.1), the ones the simulation reaches. */
enum CallState {
    NULL,
    CALL_INITIATED,
    OUTGOING_CALL_PROCEEDING,
    CONNECT_REQUEST,
    ACTIVE,
    RELEASE_REQUEST,
    RELEASE_INDICATION
}
