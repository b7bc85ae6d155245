/**
 * Sigma detection items and value modifiers: from the YAML nodes of a {@code detection} section to
 * {@link dev.edr.core.rule.Selection}s. Entry point: {@link dev.edr.dsl.internal.detection.DetectionParser}.
 *
 * <p>Decisions where the spec leaves room (checked against the SigmaHQ corpus, which parses without error):
 * <ul>
 *   <li>{@code null} inside a list of values is an error, as the spec says (the corpus never does it); a lone
 *       {@code null} is {@code IsNull}.</li>
 *   <li>{@code all} with a single value is a warning, not an error (it is harmless).</li>
 *   <li>{@code windash} replaces word-starting {@code -} and {@code /} only, and allows at most 4 such dashes
 *       per value (625 alternatives; the corpus has at most 2). More is a {@code VALUE_LIMIT} error.</li>
 *   <li>{@code re}: what RE2J cannot compile (lookaround, backreferences) is an error; RE2J-compatible
 *       constructs outside the spec's metacharacter list ({@code \d}, {@code \s}, {@code (?:…)}, lazy
 *       quantifiers) are warnings. Nested counted repetitions are bounded before compiling.</li>
 *   <li>Time modifiers: see {@link dev.edr.dsl.internal.detection.TimeModifier}.</li>
 *   <li>{@code expand}: only a value that is exactly one placeholder; a surrounding contains/startswith/
 *       endswith is dropped with a warning because {@code ValueMatch.Placeholder} has no position.</li>
 * </ul>
 */
package dev.edr.dsl.internal.detection;
