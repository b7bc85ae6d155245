package dev.edr.dsl.response;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.response.ActionTemplate;
import dev.edr.core.response.Playbook;
import dev.edr.core.response.Selector;
import dev.edr.core.rule.LogSource;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a playbook document:
 *
 * <pre>
 * playbook:
 *   name: credential-dumping-containment
 *   description: Contain a host and the account seen dumping credentials
 *   match:                            # every criterion given must hold; at least one is required
 *     rules: [lsass_access]           # ids or names
 *     tags: [attack.credential_access] # globs
 *     level: high                     # minimum level; a list means exactly these levels
 *     logsource: {product: windows}
 *     correlation: false
 *   approval: [rotate_credential]     # or true / false
 *   dry_run: false
 *   actions:
 *     - type: isolate_host
 *     - type: terminate_sessions
 *       params: {account: '%SubjectUserName%'}
 * </pre>
 *
 * Returns empty when any error was reported.
 */
public final class PlaybookParser {
    static final Set<String> KEYS = Set.of("name", "description", "match", "approval", "dry_run", "actions");
    static final Set<String> MATCH_KEYS = Set.of("rules", "tags", "level", "logsource", "correlation");
    static final Set<String> LOGSOURCE_KEYS = Set.of("product", "category", "service");

    private PlaybookParser() {}

    /** Whether a document's root is a playbook (has a top-level {@code playbook:}), for loaders that sort files. */
    public static boolean isPlaybook(YNode root) {
        return root instanceof YMap m && m.get("playbook") != null;
    }

    /** Parses a whole document whose root holds {@code playbook:}. */
    public static Optional<Playbook> parse(YNode root, Diagnostics d) {
        int errors = d.errorCount();
        ActionsReader r = new ActionsReader(d, null);
        YMap doc = r.map(root, "a playbook document");
        if (doc == null) {
            return Optional.empty();
        }
        r.onlyKeys(doc, Set.of("playbook"), "a playbook document");
        YNode body = doc.get("playbook");
        if (body == null) {
            d.error(IssueCode.MISSING_ATTRIBUTE, doc.location(), "a playbook document needs a top-level 'playbook:'");
            return Optional.empty();
        }
        YMap m = r.map(body, "playbook");
        if (m == null) {
            return Optional.empty();
        }
        r.onlyKeys(m, KEYS, "playbook");
        String name = null;
        if (m.get("name") instanceof YScalar s && s.isString() && !s.text().isBlank()) {
            name = s.text();
        } else {
            d.error(m.get("name") == null ? IssueCode.MISSING_ATTRIBUTE : IssueCode.INVALID_ATTRIBUTE,
                    m.get("name") == null ? m.location() : m.get("name").location(), "a playbook needs a 'name' text");
        }
        String description = m.get("description") instanceof YScalar s ? s.text() : null;
        Selector selector = m.get("match") == null ? null : selector(r, d, m.get("match"));
        if (m.get("match") == null) {
            d.error(IssueCode.MISSING_ATTRIBUTE, m.location(), "a playbook needs 'match:' (rules, tags, level,"
                    + " logsource or correlation); it would otherwise answer every detection");
        }
        ActionsReader.Approval approval = m.get("approval") == null ? ActionsReader.Approval.NONE
                : r.approval(m.get("approval"));
        boolean dryRun = m.get("dry_run") != null && Boolean.TRUE.equals(r.bool(m.get("dry_run"), "dry_run"));
        List<ActionTemplate> actions = List.of();
        if (m.get("actions") == null) {
            d.error(IssueCode.MISSING_ATTRIBUTE, m.location(), "a playbook needs 'actions'");
        } else {
            actions = r.actions(m.get("actions"), approval);
        }
        if (d.errorCount() > errors) {
            return Optional.empty();
        }
        return Optional.of(new Playbook(name, description, selector, actions, dryRun, body.location()));
    }

    private static Selector selector(ActionsReader r, Diagnostics d, YNode n) {
        int errors = d.errorCount();
        YMap m = r.map(n, "match");
        if (m == null) {
            return null;
        }
        r.onlyKeys(m, MATCH_KEYS, "match");
        Set<String> rules = new HashSet<>();
        if (m.get("rules") != null) {
            r.scalars(m.get("rules"), "rules").forEach(s -> rules.add(s.text()));
        }
        List<String> tags = new ArrayList<>();
        if (m.get("tags") != null) {
            r.scalars(m.get("tags"), "tags").forEach(s -> tags.add(s.text()));
        }
        Set<String> levels = new HashSet<>();
        String minimum = null;
        YNode level = m.get("level");
        if (level != null) {
            for (YScalar s : r.scalars(level, "level")) {
                if (Selector.rank(s.text()) < 0) {
                    d.error(IssueCode.INVALID_ATTRIBUTE, s.location(), "unknown level '" + s.text() + "'; one of "
                            + Selector.LEVELS);
                } else if (level instanceof YSeq) {
                    levels.add(s.text());
                } else {
                    minimum = s.text();
                }
            }
        }
        LogSource logSource = LogSource.ANY;
        if (m.get("logsource") != null) {
            YMap ls = r.map(m.get("logsource"), "logsource");
            if (ls != null) {
                r.onlyKeys(ls, LOGSOURCE_KEYS, "logsource");
                logSource = new LogSource(text(ls, "product"), text(ls, "category"), text(ls, "service"), null);
            }
        }
        Boolean correlation = m.get("correlation") == null ? null : r.bool(m.get("correlation"), "correlation");
        Selector selector = new Selector(rules, tags, levels, minimum, logSource, correlation);
        if (selector.isEmpty() && d.errorCount() == errors) {
            d.error(IssueCode.INVALID_ATTRIBUTE, m.location(), "'match' selects nothing; name rules, tags, a level,"
                    + " a logsource or correlation");
        }
        return selector;
    }

    private static String text(YMap m, String key) {
        return m.get(key) instanceof YScalar s && !s.isNull() ? s.text() : null;
    }
}
