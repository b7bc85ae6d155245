package dev.edr.core.internal.event;

import static dev.edr.core.internal.event.RecordSplitter.BACKSLASHES;
import static dev.edr.core.internal.event.RecordSplitter.QUOTES;
import static dev.edr.core.internal.event.RecordSplitter.WORDS;
import static dev.edr.core.internal.event.RecordSplitter.zeroByte;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The reader's fast path: parses a record's JSON object straight from its bytes into the values {@link JsonValues}
 * builds through Jackson, and the record's keyword text straight from the same bytes, as long as the record stays
 * within a plain subset that nearly every event producer writes: UTF-8 text with any escape but surrogates,
 * field names in ASCII without escapes, integers of up to 18 digits, {@code true}, {@code false}, {@code null},
 * nesting up to {@value #MAX_DEPTH} levels. Anything else (a fraction or exponent, a longer number, a field name
 * with an escape or beyond ASCII, bytes that are not UTF-8 or a string holding U+FFFD, an escaped surrogate, a
 * string or name over the limits, a repeated name, a syntax error of any kind) makes {@link #parse} return
 * {@code null}: the caller then parses the record with Jackson, which builds it or reports what is wrong where.
 * This never accepts a record that Jackson refuses, and what it builds equals what Jackson's path builds (a
 * differential test holds it to both over the dataset and random records). Jackson stays the parser of record;
 * this is a narrow specialization of it that skips its token layer, its text buffer, the string builder of the
 * keyword text and the text's Latin-1 check.
 *
 * <p>A record of a skeleton read before (its bytes between its values: names, punctuation, whitespace, nesting)
 * is read along that skeleton, a {@link Template}, value by value: the same values and text, with no name looked
 * up and no shape hashed.
 *
 * <p>Keeps working state from record to record, the templates included: one per input, single-threaded.
 */
final class PlainJson {
    /** Nesting beyond this goes to Jackson (Windows records nest about 5 levels); also bounds the recursion. */
    static final int MAX_DEPTH = 32;
    /** {@link #name} takes a slot's index from the top bits of a 64-bit hash. */
    private static final int NAME_BITS = 12;
    private static final int NAME_SLOTS = 1 << NAME_BITS;
    /** Names longer than this are not shared: the table holds at most {@code NAME_SLOTS} of them, JVM-wide. */
    static final int MAX_SHARED_NAME = 64;
    /** Buffers grown beyond this for one record start small again for the next (Jackson's path's too). */
    static final int SHRINK_BYTES = 1 << 20;

    /** The record is outside the subset: thrown from anywhere in the walk, caught in {@link #parse}. */
    private static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    /** Strings are searched a word at a time, as the record splitter searches them (its words and masks). */
    private static final long SPACES = 0x2020202020202020L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final int maxDepth;
    /** Strings and names longer than this (in bytes, which bounds their characters) go to Jackson. */
    private final int maxStringBytes;
    private final int maxNameBytes;
    private final int maxNumberChars;
    private final List<FieldMap.Builder> builders = new ArrayList<>();
    /**
     * Field names, in sets of two slots ({@code slot} and {@code slot ^ 1}) chosen by a hash of their length and
     * first and last eight bytes, shared by every reader (as Jackson's name table is shared by the readers of one
     * factory): records repeat the same few dozen names, and a repeated name is handed out as the same instance
     * whichever input it came from, so that the lookups downstream (the normalizer's caches, the field maps) find
     * it by reference. Slots are written without locks:
     * an entry's fields are final, so a thread that sees an entry sees it whole, and a lost or overwritten entry
     * only costs a new string. Bounded: names from outside replace one another.
     */
    private static final Name[] NAMES = new Name[NAME_SLOTS];

    /** One slot's name; for names over 16 bytes also its bytes (up to 16, the two words are the whole name). */
    private static final class Name {
        final String name;
        final int length;
        final long first;
        final long last;
        final byte[] bytes;

        Name(String name, int length, long first, long last, byte[] bytes) {
            this.name = name;
            this.length = length;
            this.first = first;
            this.last = last;
            this.bytes = bytes;
        }

        /** Whether this is the name in {@code b[start, start + length)}, whose first and last words are given. */
        boolean is(byte[] b, int start, int length, long first, long last) {
            return this.length == length && this.first == first && this.last == last
                    && (length <= 2 * Long.BYTES || Arrays.equals(bytes, 0, length, b, start, start + length));
        }
    }

    /** The record's flat form so far ({@link #flatObject}): object sizes, names and kinds, leaves, their digest. */
    private int[] sizes = new int[32];
    private int sizeCount;
    private String[] keys = new String[128];
    private byte[] kinds = new byte[128];
    private int keyCount;
    private Object[] leaves = new Object[128];
    /** Per leaf, its span of the keyword text when it is {@link FieldMap#LAZY}. */
    private long[] spans = new long[128];
    private int leafCount;
    private int lazyLeaves;
    private int shapeHash;
    /**
     * Per leaf, where its value starts (its opening quote, its first digit or letter) and ends (just past it), as
     * {@link #flatObject} read it: what {@link #learn} cuts the record's skeleton at.
     */
    private int[] valueStarts = new int[128];
    private int[] valueEnds = new int[128];
    /** Whether the record read so far can be a template: no arrays (which are read as values whole). */
    private boolean templatable;
    /** The skeletons of records read before, as a trie ({@link Template}); its root has no segment. */
    private final Template templates = new Template(new byte[0], null);
    private int templateNodes;
    private long templateBytes;
    /** Walks tried, and records read along a template (for tests: the walk must take the records it can). */
    private long templateWalks;
    private long templateRecords;
    /**
     * Template walks that failed in a row, how many records are still read without trying one, and how many the
     * next rest lasts ({@link #MAX_TEMPLATE_MISSES}).
     */
    private int templateMisses;
    private int templateRest;
    private int restLength = TEMPLATE_REST;
    /**
     * Per nesting level, the first {@value #LISTED_NAMES} names of the object open there, to find a repeated name;
     * an object with more keeps the rest in a hash set (a linear search would make a huge object quadratic).
     */
    private final String[][] levelNames = new String[MAX_DEPTH + 2][];
    private static final int LISTED_NAMES = 64;

    /** The table slot of the last name read ({@link #name}), the same for equal names; -1 for a name not kept. */
    private int nameSlot;
    private byte[] in;
    private int pos;
    private int end;
    /** Per nesting level, two words: the slots of the names of the object open there ({@link #maybeRepeated}). */
    private final long[] seenMasks = new long[2 * (MAX_DEPTH + 2)];
    /** Set by {@link #parseLine}: a line break ends the record (it is not whitespace between tokens). */
    private boolean oneLine;
    private int lineEnd;
    private int depth;
    /** The keyword text so far, Latin-1, one byte per character, while every character of the record fits. */
    private byte[] text = new byte[4096];
    private int textLength;
    /** Instead of {@link #text}, once the record has a character beyond Latin-1; else null. */
    private StringBuilder wide;
    /** The UTF-8 bytes of a string with escapes or characters beyond ASCII, escapes encoded, before decoding. */
    private byte[] scratch = new byte[256];
    /** Whether the string {@link #decode} decoded last is ASCII. */
    private boolean decodedAscii;

    PlainJson(int maxDepth, int maxStringChars, int maxNumberChars, int maxFieldChars) {
        // Jackson refuses nesting deeper than maxDepth: stay one level inside it
        this.maxDepth = Math.min(MAX_DEPTH, maxDepth - 1);
        this.maxStringBytes = Math.min(maxStringChars, maxFieldChars); // longer ones are refused or cut: Jackson's
        this.maxNameBytes = Math.min(maxStringChars, JsonValues.MAX_NAME_CHARS);
        this.maxNumberChars = maxNumberChars;
    }

    /**
     * The object in {@code bytes[offset, offset + length)} as a {@link FlatRecord}, or {@code null}: parse it with
     * Jackson.
     */
    Map<String, Object> parse(byte[] bytes, int offset, int length) {
        return parse(bytes, offset, offset + length, false);
    }

    /**
     * The object at {@code bytes[offset]} as a {@link FlatRecord}, its line's end found on the way: the object and
     * what follows it on its line, spaces, tabs or a carriage return only, up to the line break (or {@code limit}),
     * as {@link #parse(byte[], int, int)} would take {@code bytes[offset, lineEnd)}; {@link #lineEnd()} is then the
     * line break's position. {@code null} for anything else, a line break between the object's tokens included (a
     * record never spans lines here: the caller cuts such a line as before).
     */
    Map<String, Object> parseLine(byte[] bytes, int offset, int limit) {
        return parse(bytes, offset, limit, true);
    }

    /** Where the line that {@link #parseLine} took ends: its line break, or the limit it was given. */
    int lineEnd() {
        return lineEnd;
    }

    private Map<String, Object> parse(byte[] bytes, int offset, int limit, boolean line) {
        in = bytes;
        pos = offset;
        end = limit;
        oneLine = line;
        depth = 0;
        textLength = 0;
        wide = null;
        sizeCount = 0;
        keyCount = 0;
        leafCount = 0;
        lazyLeaves = 0;
        shapeHash = 1;
        if (text.length > SHRINK_BYTES) {
            text = new byte[4096]; // one huge record does not hold its size for the rest of the input
        }
        if (scratch.length > SHRINK_BYTES) {
            scratch = new byte[256];
        }
        try {
            if (nonSpace() != '{') {
                return null;
            }
            FlatRecord.Shape shape = record();
            if (line) {
                int i = pos;
                while (i < end && (in[i] == ' ' || in[i] == '\t' || in[i] == '\r')) i++;
                if (i < end && in[i] != '\n') return null; // more on the line
                lineEnd = i;
            } else if (nonSpace() >= 0) {
                return null; // more after the object
            }
            return new FlatRecord(shape, Arrays.copyOf(leaves, leafCount),
                    lazyLeaves == 0 ? null : Arrays.copyOf(spans, leafCount),
                    wide != null ? wide.toString() : Arrays.copyOf(text, textLength));
        } catch (NotPlain e) {
            for (FieldMap.Builder b : builders) b.clear();
            return null;
        } finally {
            in = null;
            Arrays.fill(leaves, 0, leafCount, null); // the reader does not keep the record's values alive
            if (pos - offset > SHRINK_BYTES) {
                builders.clear(); // their arrays may have grown to a huge record's maps: start over
                if (leaves.length > 1024) {
                    leaves = new Object[128];
                    spans = new long[128];
                    valueStarts = new int[128];
                    valueEnds = new int[128];
                }
                if (keys.length > 1024) {
                    keys = new String[128];
                    kinds = new byte[128];
                }
                if (sizes.length > 1024) sizes = new int[32];
            }
        }
    }

    /** The bytes the shared name table holds (for tests: bounded whatever names come). */
    static long sharedNameBytes() {
        long n = 0;
        for (Name e : NAMES) {
            if (e != null) n += e.length;
        }
        return n;
    }

    /**
     * The object at {@link #pos} (its opening brace), read along a template when one matches, else flat (and then
     * taught to the templates); {@link #pos} ends past its closing brace. Returns its shape.
     */
    private FlatRecord.Shape record() {
        int start = pos;
        boolean tried = templateRest == 0; // resting: neither a walk nor learning (both cost a walk)
        if (tried) {
            templateWalks++;
            FlatRecord.Shape shape = walkTemplates();
            if (shape != null) {
                templateMisses = 0;
                restLength = TEMPLATE_REST;
                templateRecords++;
                return shape;
            }
            if (++templateMisses >= MAX_TEMPLATE_MISSES) { // a stream of other skeletons: stop trying a while
                templateMisses = 0;
                templateRest = restLength;
                restLength = Math.min(2 * restLength, MAX_TEMPLATE_REST); // longer while it keeps missing
            }
            pos = start;
            textLength = 0;
            wide = null;
            Arrays.fill(leaves, 0, leafCount, null); // a failed walk's: the record read now may have fewer
            leafCount = 0;
            lazyLeaves = 0;
        } else {
            templateRest--;
        }
        templatable = true;
        pos++;
        flatObject();
        FlatRecord.Shape shape = FlatRecord.Shape.intern(sizes, sizeCount, keys, kinds, keyCount, leafCount,
                shapeHash);
        if (templatable && tried) learn(start, pos, shape);
        return shape;
    }

    /** The template trie's nodes and segment bytes, the records read along it and the walks tried (for tests). */
    long[] templateStats() {
        return new long[] {templateNodes, templateBytes, templateRecords, templateWalks};
    }

    /** The bytes its buffers hold now, about (for tests: they grow with what a record needs, and start over). */
    int bufferBytes() {
        long n = text.length + scratch.length + 4L * sizes.length + 9L * keys.length + 16L * leaves.length;
        for (String[] names : levelNames) n += names == null ? 0 : 8L * names.length;
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** The byte at the first non-space position from {@link #pos} on (which moves there), or -1 at the end. */
    private int nonSpace() {
        byte[] b = in;
        int i = pos;
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                pos = i;
                return c & 0xFF;
            }
            if (c == '\n' && oneLine) throw NOT_PLAIN; // the line ends inside the record
            i++;
        }
        pos = i;
        return -1;
    }

    /**
     * An object whose '{' was read, into the flat form ({@link FlatRecord}): its size in {@link #sizes} (depth
     * first), its names and their kinds in {@link #keys} and {@link #kinds}, its leaves in {@link #leaves}; folds
     * all of it into {@link #shapeHash}. Arrays are read as values whole ({@link #array}).
     */
    private void flatObject() {
        int c = enterObject();
        int sizeAt = sizeCount++;
        if (sizeAt == sizes.length) sizes = Arrays.copyOf(sizes, 2 * sizeAt);
        String[] names = levelNames[depth];
        if (names == null) names = levelNames[depth] = new String[LISTED_NAMES];
        int count = 0;
        java.util.HashSet<String> manyNames = null; // the names of an object beyond LISTED_NAMES of them
        if (c == '}') {
            pos++;
        } else {
            while (true) {
                String name = memberName(c);
                boolean maybeSeen = maybeRepeated(nameSlot); // before the value: nested objects read names too
                if (maybeSeen) {
                    boolean repeated = false;
                    if (manyNames != null) {
                        repeated = manyNames.contains(name);
                    } else {
                        for (int j = 0; j < count && !repeated; j++) repeated = names[j].equals(name);
                    }
                    if (repeated) throw NOT_PLAIN; // Jackson's path reports the repeated name
                }
                if (count < LISTED_NAMES) {
                    names[count] = name;
                } else {
                    if (manyNames == null) manyNames = new java.util.HashSet<>(Arrays.asList(names));
                    manyNames.add(name);
                }
                count++;
                int k = keyCount++;
                if (k == keys.length) {
                    keys = Arrays.copyOf(keys, 2 * k);
                    kinds = Arrays.copyOf(kinds, 2 * k);
                }
                keys[k] = name; // before the value: a nested object's names follow this one
                byte kind = flatValue();
                kinds[k] = kind;
                shapeHash = (shapeHash + name.hashCode()) * 0x9E3779B9 + kind;
                c = nextMember();
                if (c == CLOSED) break;
            }
        }
        Arrays.fill(names, 0, Math.min(count, LISTED_NAMES), null);
        sizes[sizeAt] = count;
        shapeHash = shapeHash * 31 + count;
        depth--;
    }

    /** A value of {@link #flatObject}, starting at {@link #pos}: its kind; a leaf goes to {@link #leaves}. */
    private byte flatValue() {
        if (pos >= end) throw NOT_PLAIN;
        int start = pos;
        switch (in[pos]) {
            case '{':
                pos++;
                flatObject();
                return FlatRecord.Shape.MAP;
            case '[':
                pos++;
                addLeaf(array());
                templatable = false;
                return FlatRecord.Shape.LIST;
            case 'n':
                literal("null");
                return FlatRecord.Shape.NULL;
            default:
                leafValue();
                valueStarts[leafCount - 1] = start;
                valueEnds[leafCount - 1] = pos;
                return FlatRecord.Shape.LEAF;
        }
    }

    /** A string, number, {@code true} or {@code false} at {@link #pos}, into {@link #leaves}. */
    private void leafValue() {
        switch (in[pos]) {
            case '"':
                pos++;
                flatString();
                break;
            case 't':
                literal("true");
                addLeaf(Boolean.TRUE);
                break;
            case 'f':
                literal("false");
                addLeaf(Boolean.FALSE);
                break;
            default:
                addLeaf(number());
        }
    }

    /**
     * One step of a record's skeleton: the bytes from the end of one leaf value (or the record's opening brace) to
     * the start of the next (or past the closing brace), names, punctuation, whitespace, nulls and nesting included.
     * A path from the root is the skeleton of records read before, and its last node (past the closing brace)
     * holds their {@link FlatRecord.Shape}: a record that matches a path byte for byte between its values has the
     * same names, nesting and kinds, in the same order, so only its values need reading. Children are tried most
     * recently matched first.
     */
    private static final class Template {
        final byte[] segment;
        /** The shape, on the last node of a path; null elsewhere. */
        final FlatRecord.Shape shape;
        Template[] children = new Template[1];
        int childCount;

        Template(byte[] segment, FlatRecord.Shape shape) {
            this.segment = segment;
            this.shape = shape;
        }

        void add(Template child) {
            if (childCount == children.length) children = Arrays.copyOf(children, 2 * childCount);
            children[childCount++] = child;
        }

        /** Moves child {@code i} first. */
        void promote(int i) {
            Template t = children[i];
            System.arraycopy(children, 0, children, 1, i);
            children[0] = t;
        }
    }

    /**
     * Bounds on the template trie: nodes and segment bytes per reader, children per node (input from outside may
     * invent a new skeleton with every record). The samples' 180 shapes take 1,132 nodes of 22 KB. A walk compares
     * each node's segment at most once, so the bytes bound what a walk can cost beyond the record's own length.
     */
    static final int MAX_TEMPLATE_NODES = 16_384;
    static final long MAX_TEMPLATE_BYTES = 1 << 18;
    static final int MAX_TEMPLATE_CHILDREN = 64;
    /**
     * After this many failed walks in a row, the next {@link #TEMPLATE_REST} records are read without trying one or
     * learning their skeletons, twice as many after each such run that follows without a walk succeeding, up to
     * {@link #MAX_TEMPLATE_REST}: a stream whose every record has a new skeleton (keys in random order, say) tries
     * a walk on about one record in 500.
     */
    private static final int MAX_TEMPLATE_MISSES = 8;
    private static final int TEMPLATE_REST = 64;
    private static final int MAX_TEMPLATE_REST = 4096;

    /**
     * Reads the record at {@link #pos} (its opening brace) along a remembered skeleton: its values into
     * {@link #leaves} and the keyword text as {@link #flatObject} would, and returns the path's shape; null when no
     * path matches (then {@link #leaves} and the text may hold part of the record: the caller starts over). A value
     * that is not plain is left to {@link #flatObject} too, which refuses it where it would have anyway.
     */
    private FlatRecord.Shape walkTemplates() {
        Template node = templates;
        byte[] b = in;
        try {
            while (true) {
                Template next = null;
                Template[] kids = node.children;
                for (int i = 0, n = node.childCount; i < n; i++) {
                    Template t = kids[i];
                    byte[] segment = t.segment;
                    int p = pos;
                    int q = p + segment.length;
                    if (q > end || !Arrays.equals(segment, 0, segment.length, b, p, q)) continue;
                    if (t.shape != null) {
                        pos = q;
                        if (i > 0) node.promote(i);
                        return t.shape;
                    }
                    if (q >= end) continue;
                    byte c = b[q];
                    if (c != '"' && c != 't' && c != 'f' && c != '-' && (c < '0' || c > '9')) continue;
                    pos = q;
                    leafValue();
                    if (i > 0) node.promote(i);
                    next = t;
                    break;
                }
                if (next == null) return null;
                node = next;
            }
        } catch (NotPlain e) {
            return null;
        }
    }

    /**
     * Adds the skeleton of the record just read by {@link #flatObject} ({@code [start, objectEnd)}, its leaves'
     * bounds in {@link #valueStarts} and {@link #valueEnds}) to the trie, unless it holds a line break (a skeleton
     * must not let a record span lines) or the trie is full.
     */
    private void learn(int start, int objectEnd, FlatRecord.Shape shape) {
        byte[] b = in;
        for (int i = start; i < objectEnd; i++) {
            if (b[i] == '\n' || b[i] == '\r') return; // whitespace: a value holds neither unescaped
        }
        Template node = templates;
        int from = start;
        for (int k = 0; k <= leafCount; k++) {
            boolean last = k == leafCount;
            int to = last ? objectEnd : valueStarts[k];
            Template child = null;
            for (int i = 0; i < node.childCount; i++) {
                Template t = node.children[i];
                if ((t.shape != null) == last && Arrays.equals(t.segment, 0, t.segment.length, b, from, to)) {
                    child = t;
                    break;
                }
            }
            if (child == null) {
                if (templateNodes >= MAX_TEMPLATE_NODES || templateBytes + (to - from) > MAX_TEMPLATE_BYTES
                        || node.childCount >= MAX_TEMPLATE_CHILDREN) {
                    return; // the path so far stays: a prefix of skeletons seen, harmless
                }
                child = new Template(Arrays.copyOfRange(b, from, to), last ? shape : null);
                node.add(child);
                templateNodes++;
                templateBytes += to - from;
            }
            node = child;
            if (!last) from = valueEnds[k];
        }
    }

    private void addLeaf(Object v) {
        if (leafCount == leaves.length) growLeaves();
        leaves[leafCount++] = v;
    }

    /** A {@link FieldMap#LAZY} leaf: the last {@code length} characters of the keyword text (Latin-1 bytes). */
    private void addLazy(int length) {
        if (leafCount == leaves.length) growLeaves();
        spans[leafCount] = (long) (textLength - length) << 32 | length;
        leaves[leafCount++] = FieldMap.LAZY;
        lazyLeaves++;
    }

    private void growLeaves() {
        leaves = Arrays.copyOf(leaves, 2 * leaves.length);
        spans = Arrays.copyOf(spans, leaves.length);
        valueStarts = Arrays.copyOf(valueStarts, leaves.length);
        valueEnds = Arrays.copyOf(valueEnds, leaves.length);
    }

    /**
     * A string value of {@link #flatObject} whose opening quote was read. A plain one (ASCII, no escape), while the
     * keyword text is Latin-1 bytes, becomes a {@link FieldMap#LAZY} leaf: its span of the text, which holds the
     * same characters, so that its string is made only if something reads it. Others are made now.
     */
    private void flatString() {
        int start = pos;
        int limit = Math.min(end, start + maxStringBytes + 1);
        int i = plainEnd(start, limit);
        if (in[i] == '"') {
            int length = i - start;
            pos = i + 1;
            appendText(in, start, length);
            if (wide != null || length == 0) {
                addLeaf(length == 0 ? "" : new String(in, start, length, StandardCharsets.ISO_8859_1));
            } else {
                addLazy(length);
            }
            return;
        }
        int n = decode(start, i, limit);
        if (decodedAscii && wide == null) { // an escaped path, say: the text holds its characters too
            appendText(scratch, 0, n);
            addLazy(n);
        } else {
            addLeaf(decodedString(n));
        }
    }

    /** {@link #nextMember} at the object's closing brace. */
    private static final int CLOSED = -2;

    /**
     * After a member's value: the first byte of the next member (after a comma), or {@link #CLOSED} after the
     * object's closing brace; anything else is not plain.
     */
    private int nextMember() {
        int c = nonSpace();
        if (c == ',') {
            pos++;
            return nonSpace();
        }
        if (c == '}') {
            pos++;
            return CLOSED;
        }
        throw NOT_PLAIN;
    }

    /**
     * A member's name and its colon, from the opening quote ({@code c}, at {@link #pos}) on to its value's first
     * byte; the name's table slot is then in {@link #nameSlot}.
     */
    private String memberName(int c) {
        if (c != '"') throw NOT_PLAIN;
        pos++;
        String name = name();
        if (nonSpace() != ':') throw NOT_PLAIN;
        pos++;
        nonSpace();
        return name;
    }

    /**
     * Whether a name of table slot {@code slot} may repeat an earlier name of the object open at {@link #depth}, by
     * that object's names so far as a 128-bit mask of their slots ({@link #seenMasks}): a name whose bit is clear
     * cannot be a repeat (equal names have equal slots), so only the few whose bit is set are looked up. Marks the
     * slot; a name not from the table (slot -1) is always looked up.
     */
    private boolean maybeRepeated(int slot) {
        if (slot < 0) return true;
        int word = 2 * depth + (slot >>> 6 & 1); // bit 6 picks the word; the shift below takes the low six bits
        long bit = 1L << slot;
        boolean seen = (seenMasks[word] & bit) != 0;
        seenMasks[word] |= bit;
        return seen;
    }

    /**
     * Enters an object whose '{' was read, for both readers ({@link #flatObject}, {@link #object}): one level
     * deeper, with no names seen there yet ({@link #seenMasks}); returns its first byte after whitespace.
     */
    private int enterObject() {
        if (++depth > maxDepth) throw NOT_PLAIN;
        seenMasks[2 * depth] = 0;
        seenMasks[2 * depth + 1] = 0;
        return nonSpace();
    }

    /** An object inside an array (arrays are kept as values whole), whose '{' was read. */
    private FieldMap object() {
        int c = enterObject();
        while (depth > builders.size()) { // arrays count as levels too
            builders.add(new FieldMap.Builder());
        }
        FieldMap.Builder m = builders.get(depth - 1);
        if (c == '}') {
            pos++;
        } else {
            while (true) {
                String name = memberName(c);
                boolean maybeSeen = maybeRepeated(nameSlot); // before the value: nested objects read names too
                if (maybeSeen && m.containsKey(name)) throw NOT_PLAIN; // Jackson's path reports the repeated name
                m.putNew(name, value());
                c = nextMember();
                if (c == CLOSED) break;
            }
        }
        depth--;
        return m.build();
    }

    /** An array whose '[' was read. */
    private List<Object> array() {
        if (++depth > maxDepth) throw NOT_PLAIN;
        ArrayList<Object> l = new ArrayList<>();
        int c = nonSpace();
        if (c == ']') {
            pos++;
        } else {
            while (true) {
                l.add(value());
                c = nonSpace();
                if (c == ',') {
                    pos++;
                    nonSpace();
                } else if (c == ']') {
                    pos++;
                    break;
                } else {
                    throw NOT_PLAIN;
                }
            }
        }
        depth--;
        return Collections.unmodifiableList(l);
    }

    /** A value starting at {@link #pos}, which is at a non-space byte or the end. */
    private Object value() {
        if (pos >= end) throw NOT_PLAIN;
        byte c = in[pos];
        switch (c) {
            case '"':
                pos++;
                return string();
            case '{':
                pos++;
                return object();
            case '[':
                pos++;
                return array();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                return number();
        }
    }

    /** The literal's bytes; what follows is checked by the caller, which expects ',', '}', ']' or the end. */
    private void literal(String word) {
        int n = word.length();
        if (end - pos < n) throw NOT_PLAIN;
        for (int k = 0; k < n; k++) {
            if (in[pos + k] != word.charAt(k)) throw NOT_PLAIN;
        }
        pos += n;
    }

    /**
     * An integer as Jackson's path keeps it: a {@code Long}, its text the digits as written. Leading zeros, minus
     * zero, fractions, exponents and more than 18 digits go to Jackson.
     */
    private Long number() {
        byte[] b = in;
        int start = pos;
        int i = start;
        if (b[i] == '-') i++;
        int digits = i;
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        int n = i - digits;
        if (n == 0 || n > 18 || i - start > maxNumberChars) throw NOT_PLAIN;
        if (b[digits] == '0' && (n > 1 || digits > start)) throw NOT_PLAIN;
        if (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) throw NOT_PLAIN;
        pos = i;
        appendText(b, start, i - start);
        return digits > start ? -v : v;
    }

    /** A string value whose opening quote was read. */
    private String string() {
        int start = pos;
        int limit = Math.min(end, start + maxStringBytes + 1);
        int i = plainEnd(start, limit);
        if (in[i] == '"') {
            int length = i - start;
            pos = i + 1;
            appendText(in, start, length);
            return new String(in, start, length, StandardCharsets.ISO_8859_1);
        }
        return decodedString(decode(start, i, limit));
    }

    /**
     * From {@code start}, the position of a string's closing quote or of its first byte that needs decoding (an
     * escape, a control character, or, negative, a byte outside ASCII); not within {@code limit}: not plain.
     */
    private int plainEnd(int start, int limit) {
        byte[] b = in;
        for (int i = plainRun(b, start, limit); i < limit; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) return i;
        }
        throw NOT_PLAIN; // no closing quote within the limit
    }

    /** The string {@link #decode} left in {@link #scratch} ({@code n} bytes), added to the keyword text. */
    private String decodedString(int n) {
        if (decodedAscii) {
            appendText(scratch, 0, n);
            return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
        }
        String s = new String(scratch, 0, n, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) throw NOT_PLAIN;
        appendText(s);
        return s;
    }

    /**
     * Decodes the rest of a string with escapes or UTF-8 beyond ASCII, from {@code i} ({@code [start, i)} is plain
     * ASCII), into {@link #scratch}; returns its length in bytes and sets {@link #decodedAscii}. Collects UTF-8
     * (escapes encoded as such) for the JDK's decoder, which replaces what is not valid UTF-8 by U+FFFD: a string
     * holding U+FFFD goes to Jackson ({@link #decodedString}), which reports the bad bytes where they are (or keeps
     * a U+FFFD that was really there). An escaped surrogate, encoded on its own, is not valid UTF-8 either, so
     * escaped pairs go to Jackson too.
     */
    private int decode(int start, int i, int limit) {
        byte[] b = in;
        int n = i - start;
        // what is written never outgrows what was read (an escape of 2 or 6 bytes encodes to 1 to 3), so the
        // output holds i - start bytes at most: the buffer grows with the string, not with the rest of the record
        byte[] out = room(scratch, n + 6);
        System.arraycopy(b, start, out, 0, n);
        boolean ascii = true;
        while (true) {
            int run = plainRun(b, i, limit);
            if (run > i) {
                out = room(out, run - start + 6);
                System.arraycopy(b, i, out, n, run - i);
                n += run - i;
                i = run;
            }
            if (i >= limit) throw NOT_PLAIN;
            out = room(out, i - start + 6);
            byte c = b[i];
            if (c == '"') break;
            if (c != '\\') {
                if (c >= 0) {
                    if (c < 0x20) throw NOT_PLAIN; // a control character must be escaped
                } else {
                    ascii = false;
                }
                out[n++] = c;
                i++;
                continue;
            }
            if (i + 1 >= limit) throw NOT_PLAIN;
            int ch;
            switch (b[i + 1]) {
                case '"': ch = '"'; break;
                case '\\': ch = '\\'; break;
                case '/': ch = '/'; break;
                case 'b': ch = '\b'; break;
                case 'f': ch = '\f'; break;
                case 'n': ch = '\n'; break;
                case 'r': ch = '\r'; break;
                case 't': ch = '\t'; break;
                case 'u':
                    if (i + 6 > limit) throw NOT_PLAIN;
                    ch = (hex(b[i + 2]) << 12) | (hex(b[i + 3]) << 8) | (hex(b[i + 4]) << 4) | hex(b[i + 5]);
                    i += 4;
                    break;
                default:
                    throw NOT_PLAIN;
            }
            i += 2;
            if (ch < 0x80) {
                out[n++] = (byte) ch;
            } else if (ch < 0x800) {
                out[n++] = (byte) (0xC0 | ch >> 6);
                out[n++] = (byte) (0x80 | ch & 0x3F);
                ascii = false;
            } else if (ch <= 0xFFFF) {
                out[n++] = (byte) (0xE0 | ch >> 12);
                out[n++] = (byte) (0x80 | ch >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | ch & 0x3F);
                ascii = false;
            } else {
                throw NOT_PLAIN; // not a hex digit
            }
        }
        pos = i + 1;
        decodedAscii = ascii;
        return n;
    }

    /**
     * The first position from {@code i} on, searched eight bytes at a time, that may end a run of plain string
     * bytes (a quote, a backslash, a control character or a byte outside ASCII), or the last word boundary before
     * {@code limit}: the caller goes on byte by byte from there.
     */
    private static int plainRun(byte[] b, int i, int limit) {
        for (; i + Long.BYTES <= limit; i += Long.BYTES) {
            long w = (long) WORDS.get(b, i);
            // x - 0x20 borrows into the high bit exactly below 0x20; x's own high bit marks bytes outside ASCII
            long found = zeroByte(w ^ QUOTES) | zeroByte(w ^ BACKSLASHES) | ((w - SPACES) | w) & HIGH_BITS;
            if (found != 0) {
                // the lowest flagged byte is a true one (only bytes above a true one can be flagged falsely)
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        return i;
    }

    /** {@code out}, or a copy with room for {@code size} bytes that becomes the scratch buffer. */
    private byte[] room(byte[] out, int size) {
        if (out.length >= size) {
            return out;
        }
        return scratch = Arrays.copyOf(out, Math.max(size, 2 * out.length));
    }

    /** A hex digit's value; for anything else a value that takes the escape beyond U+FFFF (rejected). */
    private static int hex(byte c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return 0x10000; // makes the escape's value exceed U+FFFF
    }

    /** A field name whose opening quote was read: plain ASCII only (escaped names go to Jackson). */
    private String name() {
        byte[] b = in;
        int start = pos;
        int limit = Math.min(end, start + maxNameBytes + 1);
        int i = plainRun(b, start, limit);
        while (true) {
            if (i >= limit) throw NOT_PLAIN;
            byte c = b[i];
            if (c == '"') break;
            if (c == '\\' || c < 0x20) throw NOT_PLAIN;
            i++;
        }
        pos = i + 1;
        int length = i - start;
        if (length > MAX_SHARED_NAME) {
            // real field names are short; long ones (hostile input) are not kept, so the shared table stays small
            nameSlot = -1;
            return new String(b, start, length, StandardCharsets.ISO_8859_1);
        }
        long first = firstWord(b, start, length);
        long last = lastWord(b, start, length);
        int slot = nameSlot(first, last, length);
        nameSlot = slot; // a function of the name alone, whichever way of its set holds it
        Name known = NAMES[slot];
        if (known != null && known.is(b, start, length, first, last)) {
            return known.name;
        }
        Name other = NAMES[slot ^ 1];
        if (other != null && other.is(b, start, length, first, last)) {
            return other.name;
        }
        String name = new String(b, start, length, StandardCharsets.ISO_8859_1);
        // two ways: the newcomer takes the first, the first's name moves to the second (two common names that
        // share a slot, such as EventID and User in the Windows samples, would otherwise keep replacing each other)
        if (known != null) NAMES[slot ^ 1] = known;
        NAMES[slot] = new Name(name, length, first, last,
                length <= 2 * Long.BYTES ? null : Arrays.copyOfRange(b, start, i));
        return name;
    }

    /** A name's first eight bytes, or all of a shorter name's (ASCII: no sign to mask). */
    static long firstWord(byte[] b, int start, int length) {
        if (length >= Long.BYTES) {
            return (long) WORDS.get(b, start);
        }
        long first = 0;
        for (int k = start; k < start + length; k++) first = first << 8 | b[k];
        return first;
    }

    /** A name's last eight bytes; zero for a name shorter than that (its first word holds all of it). */
    static long lastWord(byte[] b, int start, int length) {
        return length >= Long.BYTES ? (long) WORDS.get(b, start + length - Long.BYTES) : 0;
    }

    /** The name's first slot in the table; its set is that slot and {@code slot ^ 1}. */
    static int nameSlot(long first, long last, int length) {
        return (int) (((first ^ Long.rotateLeft(last, 29) ^ length) * 0x9E3779B97F4A7C15L) >>> (64 - NAME_BITS));
    }

    /** Adds one value's characters to the keyword text, after a line break unless the text is empty. */
    private void appendText(byte[] b, int from, int length) {
        if (wide != null) {
            appendText(new String(b, from, length, StandardCharsets.ISO_8859_1));
            return;
        }
        int need = textLength + 1 + length;
        if (need > text.length) {
            text = Arrays.copyOf(text, Math.max(need, 2 * text.length));
        }
        if (textLength > 0) {
            text[textLength++] = '\n';
        }
        System.arraycopy(b, from, text, textLength, length);
        textLength += length;
    }

    /** {@link #appendText(byte[], int, int)} of a value that may hold characters beyond Latin-1. */
    private void appendText(String value) {
        if (wide == null) {
            if (KeywordText.compact(value) instanceof byte[] latin1) {
                appendText(latin1, 0, latin1.length);
                return;
            }
            // from here on the record's text is a String, as KeywordText.compact leaves such a text
            wide = new StringBuilder(textLength + value.length() + 256).append(
                    new String(text, 0, textLength, StandardCharsets.ISO_8859_1));
        }
        KeywordText.append(wide, value);
    }
}
