package dev.edr.core.internal.prefilter;

import java.util.function.IntPredicate;

/**
 * A set of automaton nodes that knows each member's rank (how many members come before it) in constant time: data
 * that only a few nodes have is then stored in arrays indexed by rank instead of by node, at a cost of 1.5 bits
 * per node. Immutable.
 */
final class NodeBits {
    private final long[] bits;
    /** Members before each 64-node word. */
    private final int[] before;
    private final int size;

    /** The nodes {@code 0 <= n < count} for which {@code member} holds. */
    NodeBits(int count, IntPredicate member) {
        bits = new long[(count + 63) >>> 6];
        before = new int[bits.length];
        int members = 0;
        for (int n = 0; n < count; n++) {
            if ((n & 63) == 0) before[n >>> 6] = members;
            if (member.test(n)) {
                bits[n >>> 6] |= 1L << n; // shifts of a long use the low 6 bits of n
                members++;
            }
        }
        size = members;
    }

    boolean contains(int n) {
        return (bits[n >>> 6] & 1L << n) != 0;
    }

    /** The number of members below {@code n}: for a member, its index in rank-indexed arrays. */
    int rank(int n) {
        return before[n >>> 6] + Long.bitCount(bits[n >>> 6] & (1L << n) - 1);
    }

    int size() {
        return size;
    }
}
