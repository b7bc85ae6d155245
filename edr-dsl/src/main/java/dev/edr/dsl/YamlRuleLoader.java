package dev.edr.dsl;

import dev.edr.core.diag.Issue;
import dev.edr.core.response.Playbook;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.FilterRule;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaDocument;
import dev.edr.core.rule.SigmaRule;
import dev.edr.dsl.internal.document.BuiltDocument;
import dev.edr.dsl.internal.document.DocumentKind;
import dev.edr.dsl.internal.document.SectionParsers;
import dev.edr.dsl.internal.pack.FileLoader;
import dev.edr.dsl.internal.pack.LoadedDocument;
import dev.edr.dsl.internal.pack.OrderedParallel;
import dev.edr.dsl.internal.pack.PackValidator;
import dev.edr.dsl.internal.pack.RuleFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The loader: files through the safe YAML reader, document building, then the pack-wide checks. */
final class YamlRuleLoader implements RuleLoader {
    /** Files are independent until the pack-wide checks; a few threads read them, more rarely pay off. */
    private static final int MAX_THREADS = 4;

    private final FileLoader files;
    private final int threads;

    YamlRuleLoader(Limits limits, SectionParsers parsers) {
        this(limits, parsers, OrderedParallel.defaultThreads(MAX_THREADS));
    }

    /** With {@code threads} 1 every file is read on the caller's thread. */
    YamlRuleLoader(Limits limits, SectionParsers parsers, int threads) {
        this.files = new FileLoader(Objects.requireNonNull(limits, "limits"), parsers);
        this.threads = threads;
    }

    @Override
    public LoadResult load(List<Path> paths) {
        List<RuleFiles.Entry> entries = RuleFiles.expand(Objects.requireNonNull(paths, "paths"));
        List<LoadedDocument> loaded = new ArrayList<>();
        OrderedParallel.map(entries, threads, this::load).forEach(loaded::addAll);
        return assemble(loaded);
    }

    private List<LoadedDocument> load(RuleFiles.Entry e) {
        if (e.file() != null) {
            return files.loadFile(e.file(), e.file().toString());
        }
        return List.of(new LoadedDocument(DocumentKind.FILE, null, e.problem().location(), List.of(e.problem())));
    }

    @Override
    public LoadResult loadText(String sourceName, String yaml) {
        return assemble(files.loadText(Objects.requireNonNull(sourceName, "sourceName"),
                Objects.requireNonNull(yaml, "yaml")));
    }

    private static LoadResult assemble(List<LoadedDocument> loaded) {
        List<BuiltDocument> built = new ArrayList<>();
        List<Integer> builtAt = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            if (loaded.get(i).built() != null) {
                built.add(loaded.get(i).built());
                builtAt.add(i);
            }
        }
        PackValidator.Result checked = PackValidator.validate(built);
        List<List<Issue>> packIssues = new ArrayList<>();
        loaded.forEach(l -> packIssues.add(List.of()));
        for (int b = 0; b < built.size(); b++) {
            packIssues.set(builtAt.get(b), checked.issues().get(b));
        }
        List<SigmaRule> rules = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<FilterRule> filters = new ArrayList<>();
        List<Playbook> playbooks = new ArrayList<>();
        for (int b = 0; b < built.size(); b++) {
            BuiltDocument doc = built.get(b);
            if (doc.playbook() != null) playbooks.add(doc.playbook());
            SigmaDocument d = doc.document();
            if (d == null || checked.rejected().contains(b)) continue;
            if (d instanceof SigmaRule r) rules.add(r);
            else if (d instanceof CorrelationRule c) correlations.add(c);
            else if (d instanceof FilterRule f) filters.add(f);
            if (doc.response() != null) playbooks.add(doc.response().toPlaybook(ruleKey(d)));
        }
        List<DocumentReport> reports = new ArrayList<>();
        List<Issue> all = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            LoadedDocument l = loaded.get(i);
            List<Issue> issues = new ArrayList<>(l.issues());
            issues.addAll(packIssues.get(i));
            BuiltDocument b = l.built();
            reports.add(new DocumentReport(l.location(), l.kind().label(), b == null ? null : b.idText(),
                    b == null ? null : b.title(), issues));
            all.addAll(issues);
        }
        return new LoadResult(new RulePack(rules, correlations, filters, all), reports, playbooks);
    }

    /** How a detection names its rule to playbooks ({@code Trigger.ruleKey()}): the id, else the name. */
    private static String ruleKey(SigmaDocument d) {
        RuleMeta m = d instanceof SigmaRule r ? r.meta() : ((CorrelationRule) d).meta();
        return m.id() != null ? m.id() : m.name();
    }
}
