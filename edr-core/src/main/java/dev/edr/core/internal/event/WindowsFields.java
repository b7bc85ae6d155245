package dev.edr.core.internal.event;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flattens the XML-derived JSON of a Windows event into Sigma field names (Sigma specification, "Field Usage"):
 * a System element's attributes become {@code Element_Attribute} ({@code Provider_Name}), its text the element
 * name; EventData {@code Data} items are named by their {@code Name} attribute; other payload elements
 * (UserData, nested elements) by their own name, at any depth. XML namespaces ({@code {uri}Name}) are dropped.
 * A name with spaces is also added without them ({@code Threat Name} -> {@code ThreatName}). Attributes may
 * come as an {@code #attributes} object (evtx_dump style) or as {@code @Name} members (xmltodict style).
 */
final class WindowsFields {
    /** Identity of the record: a payload field of the same name must not hide it. */
    private static final Set<String> HEADER = Set.of("EventID", "Channel", "Computer", "Provider_Name",
            "EventRecordID", "TimeCreated_SystemTime");
    /** Payload elements nest a few levels in practice; deeper ones stay in the original record. */
    private static final int MAX_DEPTH = 16;
    private static final String ATTRIBUTES = "#attributes";
    private static final String TEXT = "#text";

    /**
     * {@code Element_Attribute} names by element and attribute: the same few recur in every record. Direct-mapped on
     * the two names' hash codes (which the reader's shared names have cached), compared by identity first; entries
     * are immutable and written without locks, and a collision only costs a concatenation. Bounded: names come from
     * outside.
     */
    private static final Joined[] JOINED = new Joined[1024];
    private static final int MAX_JOINED_CHARS = 64;

    private final FieldMap.Builder out;

    WindowsFields(FieldMap.Builder out) {
        this.out = out;
    }

    void system(Map<?, ?> system) {
        system.forEach(this::systemMember); // a FieldMap, the reader's records, walks by position: no entry objects
        if (out.containsKey("EventID")) {
            Long id = eventId(out.get("EventID"));
            if (id != null) {
                out.set("EventID", id);
            }
        }
    }

    private void systemMember(Object key, Object v) {
        String name = localName(key);
        if (marked(name)) {
            return;
        }
        if (isMap(v)) {
            Map<?, ?> m = (Map<?, ?>) v;
            Map<String, Object> attributes = attributes(m);
            if (attributes instanceof FieldMap a) { // the usual case: no lambda per element
                for (int i = 0; i < a.size(); i++) out.set(joined(name, a.keyAt(i)), a.valueAt(i));
            } else {
                attributes.forEach((attr, value) -> out.set(joined(name, attr), value));
            }
            if (m.containsKey(TEXT)) {
                out.set(name, m.get(TEXT));
            }
        } else {
            out.set(name, v);
        }
    }

    /** EventData, UserData and the like. */
    void payload(Object section) {
        if (isMap(section)) {
            ((Map<?, ?>) section).forEach(this::payloadMember);
        }
    }

    private void payloadMember(Object key, Object value) {
        String name = localName(key);
        if (marked(name)) {
            return;
        }
        if (name.equals("Data")) {
            data(value);
        } else {
            element(name, value, 1);
        }
    }

    private void data(Object value) {
        List<Object> unnamed = new ArrayList<>();
        List<?> items = isList(value) ? (List<?>) value : Collections.singletonList(value);
        for (Object item : items) {
            String name = dataName(item);
            if (name != null) {
                put(name, textOf(item));
            } else {
                unnamed.add(textOf(item));
            }
        }
        if (unnamed.size() == 1) {
            put("Data", unnamed.get(0));
        } else if (!unnamed.isEmpty()) {
            put("Data", Collections.unmodifiableList(unnamed));
        }
    }

    private static String dataName(Object item) {
        if (isMap(item)) {
            Object n = attributes((Map<?, ?>) item).get("Name");
            if (n instanceof String && !((String) n).isBlank()) {
                return (String) n;
            }
        }
        return null;
    }

    private void element(String name, Object value, int depth) {
        if (!isMap(value)) {
            put(name, isList(value) ? texts((List<?>) value) : value);
            return;
        }
        Map<?, ?> m = (Map<?, ?>) value;
        if (m.containsKey(TEXT)) {
            put(name, m.get(TEXT));
        }
        attributes(m).forEach((attr, v) -> {
            if (isLeaf(v) || !(v instanceof Map || v instanceof List)) {
                put(joined(name, attr), v);
            }
        });
        if (depth >= MAX_DEPTH) {
            return;
        }
        m.forEach((key, child) -> {
            String childName = localName(key);
            if (!marked(childName)) {
                element(childName, child, depth + 1);
            }
        });
    }

    private void put(String name, Object value) {
        if (name.isEmpty()) {
            return;
        }
        int at = out.indexOf(name); // one lookup; the header test only for names already there (few)
        if (at < 0) {
            out.putNew(name, value);
        } else if (!HEADER.contains(name)) {
            out.setAt(at, value);
        } else {
            return;
        }
        if (name.indexOf(' ') >= 0) {
            String stripped = name.replace(" ", "");
            if (!stripped.isEmpty()) {
                out.put(stripped, value);
            }
        }
    }

    /** {@code name + "_" + attr}, shared between records while the table keeps it (names come from outside). */
    private static String joined(String name, String attr) {
        int h = name.hashCode() * 31 + attr.hashCode();
        int slot = (h ^ h >>> 16) & (JOINED.length - 1);
        Joined known = JOINED[slot];
        if (known != null && (known.name == name || known.name.equals(name))
                && (known.attr == attr || known.attr.equals(attr))) {
            return known.joined;
        }
        String j = name + "_" + attr;
        if (j.length() <= MAX_JOINED_CHARS) {
            JOINED[slot] = new Joined(name, attr, j);
        }
        return j;
    }

    private record Joined(String name, String attr, String joined) {}

    /** The element's attributes by local name, from both {@code #attributes} and {@code @name} members. */
    private static Map<String, Object> attributes(Map<?, ?> element) {
        if (element instanceof FieldMap f) {
            Object a = f.get(ATTRIBUTES);
            if (plainAttributes(f, a)) {
                return a instanceof FieldMap fa ? fa : Map.of(); // already the answer: no copy per element
            }
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (element.get(ATTRIBUTES) instanceof Map) {
            ((Map<?, ?>) element.get(ATTRIBUTES)).forEach((k, v) -> attrs.put(localName(k), v));
        }
        element.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.length() > 1 && key.charAt(0) == '@') {
                attrs.putIfAbsent(localName(key.substring(1)), v);
            }
        });
        return attrs;
    }

    /**
     * No {@code @name} members and no namespaced attribute names: the {@code #attributes} map ({@code attributes},
     * the element's member of that name) is the answer.
     */
    private static boolean plainAttributes(FieldMap element, Object attributes) {
        for (int i = 0; i < element.size(); i++) {
            String k = element.keyAt(i);
            if (k.length() > 1 && k.charAt(0) == '@') return false;
        }
        if (attributes instanceof FieldMap a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.keyAt(i).startsWith("{")) return false;
            }
            return true;
        }
        return !(attributes instanceof Map);
    }

    private static List<Object> texts(List<?> list) {
        List<Object> l = new ArrayList<>(list.size());
        for (Object o : list) {
            l.add(textOf(o));
        }
        return Collections.unmodifiableList(l);
    }

    private static Object textOf(Object o) {
        return isMap(o) ? ((Map<?, ?>) o).get(TEXT) : o;
    }

    /**
     * {@code v instanceof Map}, decided by class tests for the values records are made of: testing an interface
     * scans the class's interface list (and on a miss rewrites a one-entry cache that the alternating tests for
     * Map and List keep evicting), while these tests read one word.
     */
    static boolean isMap(Object v) {
        return v instanceof FieldMap || (!isLeaf(v) && v instanceof Map);
    }

    /** {@code v instanceof List}, as {@link #isMap}. */
    static boolean isList(Object v) {
        return !isLeaf(v) && !(v instanceof FieldMap) && v instanceof List;
    }

    /** Null, a string, a number or a boolean: neither map nor list. */
    static boolean isLeaf(Object v) {
        return v == null || v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /** Whether a member name is an attribute or text marker ({@code #attributes}, {@code #text}, {@code @Name}). */
    private static boolean marked(String name) {
        if (name.isEmpty()) return false;
        char c = name.charAt(0);
        return c == '#' || c == '@';
    }

    static String localName(Object key) {
        String k = key instanceof String s ? s : String.valueOf(key);
        if (!k.isEmpty() && k.charAt(0) == '{') {
            int close = k.indexOf('}');
            if (close > 0) {
                return k.substring(close + 1);
            }
        }
        return k;
    }

    /** {@code EventID} as written by exporters: a number, a numeric string, or an element with {@code #text}. */
    static Long eventId(Object v) {
        if (isMap(v)) {
            v = ((Map<?, ?>) v).get(TEXT);
        }
        if (v instanceof Long l) {
            return l; // the reader's numbers: no new box for ids above the small-value cache
        }
        if (v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            return ((BigInteger) v).bitLength() < 64 ? ((BigInteger) v).longValue() : null;
        }
        if (v instanceof String) {
            String s = ((String) v).strip();
            if (s.isEmpty() || s.length() >= 19) {
                return null;
            }
            long id = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') return null;
                id = id * 10 + (c - '0');
            }
            return id;
        }
        return null;
    }
}
