package io.jwsp.provider.atm;

import io.jwsp.runtime.JwspRuntime;
import io.jwsp.runtime.Winsock;
import io.jwsp.runtime.duplicate.DuplicateInfoCodec;
import io.jwsp.spi.WsaVersion;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WspResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A process attached to the ATM switch of the hand-over tests ({@link AtmDuplicateAcrossProcessesTest}), driven by
 * one command per line on a TCP control connection to the test (loopback), one answer line each:
 * <pre>
 * CONNECT              calls @0.1 (SO_RCVBUF 64 MiB)                  CONNECTED | ERROR code
 * SEND n first         sends PDUs first..first+n-1 ({@link PduStream}) SENT n | ERROR code
 * RECV n first         reads n PDUs, expecting first..first+n-1       RECEIVED n sha | BAD what
 * DUP pid              WSADuplicateSocket(pid), the info as text      INFO text | ERROR code
 * ADOPT text           WSASocket(FROM_PROTOCOL_INFO)                  ADOPTED | ERROR code
 * CLOSE                closesocket                                    CLOSED 0 | CLOSED code
 * EXIT                 WSACleanup (detaches from the switch), exits   BYE
 * </pre>
 * Arguments: SIG CELLS KEEPALIVE_MS KEY CONTROL_PORT ACCEPT_DUPLICATES TTL_MS.
 */
public final class AtmDupPeerMain {
    private AtmDupPeerMain() {
    }

    public static void main(String[] a) throws Exception {
        JwspRuntime rt = JwspRuntime.builder()
                .provider(new AtmProviderFactory())
                .setting("atm.transport", "udp")
                .setting("atm.devices", "1")
                .setting("atm.udp.role", "attach")
                .setting("atm.udp.signalling", a[0])
                .setting("atm.udp.cells", a[1])
                .setting("atm.udp.keepaliveMillis", a[2])
                .setting("atm.udp.key", a[3])
                .setting("atm.acceptDuplicates", a[5])
                .setting("atm.duplicateTtlMillis", a[6])
                .build();
        Winsock ws = rt.winsock();
        ws.startup(WsaVersion.V2_2).value();
        // the provider starts (and attaches to the switch) with its first socket: only then can VCs be handed to it
        ws.closeSocket(AtmPeerMain.socket(ws)).value();
        try (Socket control = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(a[4]))) {
            control.setSoTimeout(120_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(control.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(control.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println("READY " + ProcessHandle.current().pid() + " " + a[5]);
            long s = -1;
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "CONNECT" -> {
                        s = AtmPeerMain.socket(ws);
                        ws.setSockOpt(s, SocketOptions.SO_RCVBUF, 64 << 20).value();
                        WspResult<Void> r = ws.connect(s, AtmPeerMain.sap());
                        out.println(r.isOk() ? "CONNECTED" : "ERROR " + r.error().name());
                    }
                    case "SEND" -> out.println(PduStream.send(ws, s, Integer.parseInt(w[1]), Integer.parseInt(w[2])));
                    case "RECV" -> out.println(PduStream.receive(ws, s, Integer.parseInt(w[1]),
                            Integer.parseInt(w[2])));
                    case "DUP" -> {
                        WspResult<DuplicateInfo> r = ws.duplicateSocket(s, Long.parseLong(w[1]));
                        out.println(r.isOk() ? "INFO " + DuplicateInfoCodec.encodeText(r.value())
                                : "ERROR " + r.error().name());
                    }
                    case "ADOPT" -> {
                        WspResult<DuplicateInfo> info = DuplicateInfoCodec.decodeText(w[1]);
                        WspResult<Long> r = info.isOk() ? ws.socket(info.value(), 0) : info.retype();
                        if (r.isOk()) {
                            s = r.value();
                        }
                        out.println(r.isOk() ? "ADOPTED" : "ERROR " + r.error().name());
                    }
                    case "CLOSE" -> {
                        WspResult<Void> r = ws.closeSocket(s);
                        out.println("CLOSED " + (r.isOk() ? "0" : r.error().name()));
                    }
                    case "EXIT" -> {
                        rt.close();
                        out.println("BYE");
                        System.exit(0);
                    }
                    default -> out.println("UNKNOWN " + line);
                }
            }
        }
        rt.close();
        System.exit(0);
    }
}
