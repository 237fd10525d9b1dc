package io.jwsp.layer.faults;

import io.jwsp.spi.result.WsaError;
import java.time.Duration;
import java.util.Locale;

/**
 * The text form of a fault plan, for settings and the command line: rules separated by {@code ;}, each the call
 * names (comma separated), conditions, then one action.
 *
 * <pre>
 * recv after 3 fail WSAENETDOWN; send,sendTo p 0.1 drop; connect delay 500ms; closeSocket socket 2 reset
 * </pre>
 *
 * Conditions: {@code after N}, {@code nth N}, {@code times N}, {@code bytes N}, {@code p X}, {@code socket N},
 * {@code accepted}, {@code created}. Actions: {@code fail CODE} (a symbol or a number), {@code delay D}
 * ({@code 250ms}, {@code 5s}, {@code 100us} or ISO-8601 {@code PT5S}), {@code drop}, {@code reset}.
 */
final class FaultPlanText {
    private FaultPlanText() {
    }

    static FaultPlan parse(String text) {
        FaultPlan plan = FaultPlan.none();
        for (String rule : text.split(";")) {
            String[] t = rule.trim().split("\\s+");
            if (t.length == 0 || t[0].isEmpty()) {
                continue;
            }
            plan = rule(plan, t, rule.trim());
        }
        return plan;
    }

    private static FaultPlan rule(FaultPlan plan, String[] t, String source) {
        RuleBuilder b = plan.and(t[0].split(","));
        int i = 1;
        try {
            while (i < t.length) {
                String word = t[i++].toLowerCase(Locale.ROOT);
                switch (word) {
                    case "after" -> b.after(Long.parseLong(t[i++]));
                    case "nth" -> b.nth(Long.parseLong(t[i++]));
                    case "times" -> b.times(Long.parseLong(t[i++]));
                    case "bytes" -> b.afterBytes(Long.parseLong(t[i++]));
                    case "p" -> b.withProbability(Double.parseDouble(t[i++]));
                    case "socket" -> b.onSocket(Integer.parseInt(t[i++]));
                    case "accepted" -> b.onAccepted();
                    case "created" -> b.onCreated();
                    case "fail" -> {
                        return end(b.fail(error(t[i++])), i, t, source);
                    }
                    case "delay" -> {
                        return end(b.delay(duration(t[i++])), i, t, source);
                    }
                    case "drop" -> {
                        return end(b.drop(), i, t, source);
                    }
                    case "reset" -> {
                        return end(b.reset(), i, t, source);
                    }
                    default -> throw new IllegalArgumentException("unknown word '" + word + "'");
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("fault rule '" + source + "': a value is missing", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault rule '" + source + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("fault rule '" + source + "': no action (fail, delay, drop, reset)");
    }

    private static FaultPlan end(FaultPlan plan, int i, String[] t, String source) {
        if (i != t.length) {
            throw new IllegalArgumentException("fault rule '" + source + "': words after the action");
        }
        return plan;
    }

    private static WsaError error(String word) {
        if (Character.isDigit(word.charAt(0))) {
            WsaError e = WsaError.ofCode(Integer.parseInt(word));
            if (e == null) {
                throw new IllegalArgumentException("unknown WSA code " + word);
            }
            return e;
        }
        return WsaError.valueOf(word.toUpperCase(Locale.ROOT));
    }

    static Duration duration(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.startsWith("pt")) {
            return Duration.parse(word);
        }
        if (w.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(w.substring(0, w.length() - 2)));
        }
        if (w.endsWith("us")) {
            return Duration.ofNanos(Long.parseLong(w.substring(0, w.length() - 2)) * 1_000);
        }
        if (w.endsWith("ns")) {
            return Duration.ofNanos(Long.parseLong(w.substring(0, w.length() - 2)));
        }
        if (w.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(w.substring(0, w.length() - 1)));
        }
        throw new IllegalArgumentException("a duration needs a unit (ms, s, us, ns) or ISO-8601: " + word);
    }
}
