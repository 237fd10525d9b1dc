package io.jwsp.provider.tcp.tck;

import io.jwsp.runtime.duplicate.DuplicateInfoCodec;
import io.jwsp.spi.catalog.DuplicateInfo;
import io.jwsp.spi.option.Linger;
import io.jwsp.spi.option.SocketOptions;
import io.jwsp.spi.result.WspResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The target process of {@link DuplicateIntoChildJvmTest}: a jwsp runtime whose tcp provider accepts duplicates,
 * driven line by line over a control connection to the test ({@code ADOPT <info>}, {@code SEND <text>},
 * {@code RECV <n>}, {@code LINGER0}, {@code CLOSE}, {@code EXIT}); every answer is one line back. Prints
 * {@code READY <pid>} once its inbox listens.
 */
public final class DuplicateTargetMain {
    private DuplicateTargetMain() {
    }

    public static void main(String[] args) throws Exception {
        Path parent = Path.of(args[0]);
        int controlPort = Integer.parseInt(args[1]);
        try (DuplicateBench bench = new DuplicateBench(parent);
             Socket control = new Socket()) {
            control.connect(new InetSocketAddress("127.0.0.1", controlPort), 20_000);
            control.setSoTimeout(60_000); // the test drives every step; a vanished test ends this process
            BufferedReader in = new BufferedReader(new InputStreamReader(control.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(control.getOutputStream(), true, StandardCharsets.UTF_8);
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.flush();
            long s = -1;
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.split(" ", 2);
                switch (cmd[0]) {
                    case "ADOPT" -> {
                        WspResult<DuplicateInfo> info = DuplicateInfoCodec.decodeText(cmd[1]);
                        WspResult<Long> r = info.isOk() ? bench.ws.socket(info.value(), 0) : info.retype();
                        if (r.isOk()) {
                            s = r.value();
                            out.println("ADOPTED replay=" + bench.ws.socket(info.value(), 0).error().name());
                        } else {
                            out.println("ERROR " + r.error());
                        }
                    }
                    case "SEND" -> {
                        WspResult<Integer> r = bench.ws.send(s,
                                ByteBuffer.wrap(cmd[1].getBytes(StandardCharsets.US_ASCII)), 0);
                        out.println(r.isOk() ? "SENT " + r.value() : "ERROR " + r.error());
                    }
                    case "RECV" -> {
                        ByteBuffer b = ByteBuffer.allocate(Integer.parseInt(cmd[1]));
                        WspResult<Integer> r = WspResult.ok(0);
                        while (b.hasRemaining() && r.isOk() && r.value() >= 0) {
                            r = bench.ws.recv(s, b, 0);
                            if (r.isOk() && r.value() == 0) {
                                break;
                            }
                        }
                        out.println(r.isOk() ? "RECEIVED " + new String(b.array(), 0, b.position(),
                                StandardCharsets.US_ASCII) : "ERROR " + r.error());
                    }
                    case "LINGER0" -> {
                        WspResult<Void> r = bench.ws.setSockOpt(s, SocketOptions.SO_LINGER, Linger.of(0));
                        out.println(r.isOk() ? "OK" : "ERROR " + r.error());
                    }
                    case "CLOSE" -> {
                        WspResult<Void> r = bench.ws.closeSocket(s);
                        out.println(r.isOk() ? "CLOSED" : "ERROR " + r.error());
                    }
                    case "EXIT" -> {
                        out.println("BYE");
                        return;
                    }
                    default -> out.println("ERROR unknown " + cmd[0]);
                }
            }
        }
    }
}
