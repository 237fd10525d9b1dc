package io.jwsp.provider.irda.ias;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's IAS database: classes, each with named attributes. Entries remember who made them so a socket's
 * entries go when it closes. Not thread-safe: the stack's lock guards it.
 */
public final class IasRegistry {
    /** The attribute a TinyTP server publishes its selector under. */
    public static final String TINYTP_LSAP_SEL = "IrDA:TinyTP:LsapSel";
    /** GetValueByClass results (IrLMP 1.1, 4.6). */
    public static final int RESULT_SUCCESS = 0;
    public static final int RESULT_NO_SUCH_CLASS = 1;
    public static final int RESULT_NO_SUCH_ATTRIBUTE = 2;

    private record Entry(IasValue value, Object owner) {
    }

    private final Map<String, Map<String, Entry>> classes = new LinkedHashMap<>();

    public enum SetResult { OK, DUPLICATE, INVALID }

    public SetResult set(String className, String attribute, IasValue value, Object owner) {
        if (className.isEmpty() || className.length() > IasAttribute.MAX_CLASS_NAME
                || attribute.isEmpty() || attribute.length() > IasAttribute.MAX_ATTRIBUTE_NAME || !value.storable()) {
            return SetResult.INVALID;
        }
        Map<String, Entry> attrs = classes.computeIfAbsent(className, k -> new LinkedHashMap<>());
        if (attrs.containsKey(attribute)) {
            return SetResult.DUPLICATE;
        }
        attrs.put(attribute, new Entry(value, owner));
        return SetResult.OK;
    }

    /** The answer to GetValueByClass: a value, {@link IasValue.NoClass} or {@link IasValue.NoAttribute}. */
    public IasValue lookup(String className, String attribute) {
        Map<String, Entry> attrs = classes.get(className);
        if (attrs == null) {
            return new IasValue.NoClass();
        }
        Entry e = attrs.get(attribute);
        return e == null ? new IasValue.NoAttribute() : e.value();
    }

    public boolean hasClass(String className) {
        return classes.containsKey(className);
    }

    /** Removes everything {@code owner} published; classes left empty go too. */
    public void removeAll(Object owner) {
        List<String> empty = new ArrayList<>();
        for (var c : classes.entrySet()) {
            c.getValue().values().removeIf(e -> e.owner() == owner);
            if (c.getValue().isEmpty()) {
                empty.add(c.getKey());
            }
        }
        empty.forEach(classes::remove);
    }
}
