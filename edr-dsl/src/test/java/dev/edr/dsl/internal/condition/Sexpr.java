package dev.edr.dsl.internal.condition;

import dev.edr.core.rule.Condition;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Compact S-expressions for condition trees in golden files: {@code (and a (not (or b c)))}. */
final class Sexpr {
    private Sexpr() {}

    static String of(Condition c) {
        if (c == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        write(c, sb);
        return sb.toString();
    }

    private static void write(Condition c, StringBuilder sb) {
        if (c instanceof Condition.Ref r) {
            sb.append(r.identifier());
        } else if (c instanceof Condition.Not n) {
            sb.append("(not ");
            write(n.operand(), sb);
            sb.append(')');
        } else {
            List<Condition> ops = c instanceof Condition.And a ? a.operands() : ((Condition.Or) c).operands();
            sb.append(c instanceof Condition.And ? "(and" : "(or");
            for (Condition op : ops) {
                sb.append(' ');
                write(op, sb);
            }
            sb.append(')');
        }
    }

    /** Kind of the root, its operand count and the tree depth, computed without recursion. */
    static String shape(Condition c) {
        if (c == null) {
            return "null";
        }
        String kind = c instanceof Condition.Ref ? "ref" : c instanceof Condition.Not ? "not"
                : c instanceof Condition.And ? "and" : "or";
        int operands = c instanceof Condition.And a ? a.operands().size()
                : c instanceof Condition.Or o ? o.operands().size() : c instanceof Condition.Not ? 1 : 0;
        int depth = 0;
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {c, 1});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            Condition node = (Condition) top[0];
            int d = (Integer) top[1];
            depth = Math.max(depth, d);
            if (node instanceof Condition.Not n) {
                stack.push(new Object[] {n.operand(), d + 1});
            } else if (node instanceof Condition.And a) {
                a.operands().forEach(o -> stack.push(new Object[] {o, d + 1}));
            } else if (node instanceof Condition.Or o) {
                o.operands().forEach(x -> stack.push(new Object[] {x, d + 1}));
            }
        }
        return kind + " operands=" + operands + " depth=" + depth;
    }
}
