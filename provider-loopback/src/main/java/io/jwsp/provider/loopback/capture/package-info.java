/**
 * The loopback medium as a packet capture: the IPv4/IPv6 TCP and UDP packets a real stack would have sent for what
 * the provider did (LINKTYPE_RAW), synthesised from the frames it reports.
 */
package io.jwsp.provider.loopback.capture;
