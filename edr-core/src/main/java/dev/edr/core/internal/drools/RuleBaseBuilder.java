package dev.edr.core.internal.drools;

import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.declarationOf;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import dev.edr.core.internal.match.CompiledRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.model.Index;
import org.drools.model.Rule;
import org.drools.model.Variable;
import org.drools.model.consequences.ConsequenceBuilder;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * Builds the Drools rule base with the executable model: one Drools rule per Sigma rule, matching a
 * {@link Candidate} whose event passes the candidate's own rule and whose slot equals the rule's. Nothing from a
 * rule becomes source code: constraints are lambdas over the compiled matchers.
 *
 * <p>The network is shaped for a small footprint, since a pack has thousands of rules: the match constraint is the
 * same for every rule (the candidate carries its rule's matcher), so Drools shares one alpha node for it, and below
 * it the slot equality is hashed (an inserted candidate reaches only its own rule in constant time). The pattern
 * variable and the consequence are shared by all rules too. Each rule thus costs Drools one alpha node, its
 * terminal nodes and its rule definition.
 *
 * <p>Constraint ids are derived from what they test ({@code match}, {@code slot#n} for the rule in slot n) and a
 * rule is named by its key (the very string its metadata holds, so the name costs nothing), or {@code index:key}
 * when other rules share the key: the same pack always yields the same network.
 */
final class RuleBaseBuilder {
    static final String PACKAGE = "dev.edr.rules";
    private static final int SLOT_INDEX = 0;

    private RuleBaseBuilder() {}

    /** {@code rules.get(n)} is the rule of slot n. */
    static KieBase build(List<CompiledRule> rules) {
        ModelImpl model = new ModelImpl();
        Variable<Candidate> candidate = declarationOf(Candidate.class, "candidate");
        ConsequenceBuilder._1<Candidate> fire = on(candidate).execute(Candidate::fire);
        Map<String, Integer> keys = new HashMap<>();
        for (CompiledRule r : rules) keys.merge(r.meta().key(), 1, Integer::sum);
        for (int slot = 0; slot < rules.size(); slot++) {
            CompiledRule r = rules.get(slot);
            String key = r.meta().key();
            // a key with a colon could equal the index:key name of another rule
            String name = keys.get(key) == 1 && key.indexOf(':') < 0 ? key : r.index() + ":" + key;
            model.addRule(toDrools(name, slot, candidate, fire));
        }
        return KieBaseBuilder.createKieBaseFromModel(model);
    }

    private static Rule toDrools(String name, int slot, Variable<Candidate> candidate,
            ConsequenceBuilder._1<Candidate> fire) {
        return rule(PACKAGE, name)
                .build(pattern(candidate)
                                .expr("match", Candidate::matches)
                                .expr("slot#" + slot, c -> c.getSlot() == slot,
                                        alphaIndexedBy(int.class, Index.ConstraintType.EQUAL, SLOT_INDEX,
                                                Candidate::getSlotKey, slot)),
                        fire);
    }
}
