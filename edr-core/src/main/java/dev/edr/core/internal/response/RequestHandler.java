package dev.edr.core.internal.response;

import dev.edr.core.response.ActionRequest;
import dev.edr.core.response.ActionState;
import dev.edr.core.response.Dispatcher.PendingApproval;
import dev.edr.core.response.Dispatcher.RecoveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's decisions for each request, in order: protected asset, duplicate, budget; then journal the intent
 * and record a dry run, hold for approval, or start dispatching. Also approval, rejection and recovery. Runs on
 * the worker only, except {@link #pendingApprovals()}, which reads a concurrent snapshot.
 */
final class RequestHandler {
    private final DispatcherConfig cfg;
    private final Journal journal;
    private final Auditor audit;
    private final Attempts attempts;
    private final Counters counters;
    private final ActionBudget budget;
    private final Set<String> knownKeys = new HashSet<>();
    private final Map<String, Instant> lastEventByBase = new HashMap<>();
    private final Map<String, Tracked> held = new LinkedHashMap<>();
    private final Map<String, PendingApproval> pending = new ConcurrentHashMap<>();
    private final Map<String, Journal.Entry> unfinished = new LinkedHashMap<>();
    private boolean recovered;

    RequestHandler(DispatcherConfig cfg, Journal journal, Auditor audit, Attempts attempts, Counters counters) {
        this.cfg = cfg;
        this.journal = journal;
        this.audit = audit;
        this.attempts = attempts;
        this.counters = counters;
        this.budget = new ActionBudget(cfg.budgetMax(), cfg.budgetWindow());
        Instant now = cfg.clock().instant();
        for (Journal.Entry e : journal.loaded().entries().values()) {
            knownKeys.add(e.key);
            lastEventByBase.merge(e.base, e.eventTime, (a, b) -> a.isAfter(b) ? a : b);
            budget.restore(e.time, now);
            if (e.finished == null) {
                unfinished.put(e.key, e);
            }
        }
    }

    String keyOf(ActionRequest r) {
        return IdempotencyKeys.key(IdempotencyKeys.base(r, cfg.dedupAcrossRules()), eventTime(r), cfg.dedupWindow());
    }

    private Instant eventTime(ActionRequest r) {
        Instant t = r.trigger().eventTime();
        return t != null ? t : cfg.clock().instant();
    }

    void onRequest(ActionRequest r) {
        String base = IdempotencyKeys.base(r, cfg.dedupAcrossRules());
        Instant eventTime = eventTime(r);
        String key = IdempotencyKeys.key(base, eventTime, cfg.dedupWindow());
        String protector = cfg.protectedAssets().protecting(r.action());
        if (protector != null) {
            suppress(r, key, ActionState.SUPPRESSED_PROTECTED, "protected asset (pattern '" + protector + "')");
            return;
        }
        if (knownKeys.contains(key)) {
            suppress(r, key, ActionState.SUPPRESSED_DUPLICATE, "already journaled under this key");
            return;
        }
        Instant last = lastEventByBase.get(base);
        if (last != null && Duration.between(last, eventTime).abs().compareTo(cfg.dedupWindow()) < 0) {
            suppress(r, key, ActionState.SUPPRESSED_DUPLICATE, (cfg.dedupAcrossRules() ? "same action and target"
                    : "same action, target and rule") + " within " + cfg.dedupWindow());
            return;
        }
        Instant now = cfg.clock().instant();
        if (!budget.tryConsume(now)) {
            suppress(r, key, ActionState.SUPPRESSED_BUDGET, "action budget of " + budget.describe() + " exhausted");
            return;
        }
        boolean dry = cfg.dryRun() || r.dryRun();
        boolean approval = r.requireApproval() || cfg.approvalTypes().contains(r.action().type());
        Tracked t = new Tracked(key, base, r, approval, dry, eventTime, now);
        journal.intent(t, now);
        knownKeys.add(key);
        lastEventByBase.merge(base, eventTime, (a, b) -> a.isAfter(b) ? a : b);
        proceed(t, "");
    }

    private void proceed(Tracked t, String note) {
        if (t.dryRun) {
            journal.finished(t.key, ActionState.DRY_RUN, null, "", cfg.clock().instant());
            String detail = t.approvalRequired ? "would wait for approval" : "";
            audit.tracked(t, ActionState.DRY_RUN, join(note, detail), null, 0, null);
            return;
        }
        if (t.approvalRequired && t.approvedBy == null) {
            held.put(t.key, t);
            pending.put(t.key, new PendingApproval(t.key, t.request.action(), t.request.trigger().ruleKey(),
                    t.request.reason(), t.since));
            audit.tracked(t, ActionState.PENDING_APPROVAL, note, null, 0, null);
            return;
        }
        if (t.recovered) {
            audit.tracked(t, ActionState.RECOVERED, note, null, t.attempt, null);
        }
        attempts.start(t);
    }

    private void suppress(ActionRequest r, String key, ActionState state, String detail) {
        counters.suppressed.incrementAndGet();
        audit.request(r, key, state, detail);
    }

    boolean approve(String key, String who) {
        Tracked t = held.remove(key);
        if (t == null) {
            return false;
        }
        pending.remove(key);
        t.approvedBy = who;
        journal.approved(key, who, cfg.clock().instant());
        audit.tracked(t, ActionState.APPROVED, "", null, 0, null);
        attempts.start(t);
        return true;
    }

    boolean reject(String key, String who) {
        Tracked t = held.remove(key);
        if (t == null) {
            return false;
        }
        pending.remove(key);
        journal.finished(key, ActionState.REJECTED, null, "rejected by " + who, cfg.clock().instant());
        audit.tracked(t, ActionState.REJECTED, "rejected by " + who, null, 0, null);
        return true;
    }

    List<PendingApproval> pendingApprovals() {
        return pending.values().stream().sorted((a, b) -> a.since().compareTo(b.since())).toList();
    }

    int awaitingApproval() {
        return pending.size();
    }

    RecoveryReport recover() {
        List<String> redispatched = new ArrayList<>();
        List<String> awaiting = new ArrayList<>();
        if (!recovered) {
            recovered = true; // a second call must not dispatch the same intents again
            for (Journal.Entry e : unfinished.values()) {
                Tracked t = new Tracked(e.key, e.base, e.request, e.approval, e.dryRun, e.eventTime, e.time);
                t.approvedBy = e.approvedBy;
                t.attempt = e.lastAttempt;
                t.closedAttempt = e.lastAttempt;
                t.recovered = true;
                if (!t.dryRun && t.approvalRequired && t.approvedBy == null) {
                    awaiting.add(t.key);
                } else if (!t.dryRun) {
                    redispatched.add(t.key);
                }
                proceed(t, "recovered from journal");
            }
            unfinished.clear();
        }
        return new RecoveryReport(redispatched, awaiting, journal.loaded().unreadableLines());
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }
}
