package dev.edr.core.internal.drools;

import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.declarationOf;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import dev.edr.core.internal.match.CompiledRule;
import java.util.List;
import org.drools.model.Index;
import org.drools.model.Rule;
import org.drools.model.Variable;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * Builds the Drools rule base with the executable model: one Drools rule per Sigma rule, matching a
 * {@link Candidate} whose slot equals the rule's (an equality constraint Drools hashes in the alpha network, so an
 * inserted candidate reaches only its own rule in constant time) and whose event passes the rule's precompiled
 * matcher. Nothing from a rule becomes source code: constraints are lambdas over the compiled matchers.
 *
 * <p>Constraint ids are derived from what they test ({@code slot#n}, {@code match#n} for the rule in slot n) and
 * rule names are {@code index:key}: the same pack always yields the same network.
 */
final class RuleBaseBuilder {
    static final String PACKAGE = "dev.edr.rules";
    private static final int SLOT_INDEX = 0;

    private RuleBaseBuilder() {}

    /** {@code rules.get(n)} is the rule of slot n. */
    static KieBase build(List<CompiledRule> rules) {
        ModelImpl model = new ModelImpl();
        for (int slot = 0; slot < rules.size(); slot++) {
            model.addRule(toDrools(rules.get(slot), slot));
        }
        return KieBaseBuilder.createKieBaseFromModel(model);
    }

    private static Rule toDrools(CompiledRule compiled, int slot) {
        Variable<Candidate> candidate = declarationOf(Candidate.class);
        return rule(PACKAGE, compiled.index() + ":" + compiled.meta().key())
                .build(pattern(candidate)
                                .expr("slot#" + slot, c -> c.getSlot() == slot,
                                        alphaIndexedBy(int.class, Index.ConstraintType.EQUAL, SLOT_INDEX,
                                                Candidate::getSlot, slot))
                                .expr("match#" + slot, c -> compiled.matches(c.getContext())),
                        on(candidate).execute(c -> c.sink().add(compiled, c.getContext())));
    }
}
