package dev.edr.dsl.internal.yaml;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Builds the node trees of one YAML stream from parser events. One instance per read; not thread-safe.
 * Nested collections live on an explicit stack; aliases share the anchored (immutable) node, and each node's
 * expanded size and height are tracked so that alias expansion is bounded without ever expanding.
 */
final class TreeBuilder {
    private static final String CORE_TAG_PREFIX = "tag:yaml.org,2002:";

    private static final String BOMB = "aliases expand the document beyond the size limit (an alias bomb?)";

    private final Limits limits;
    private final Diagnostics diag;
    private final String text;
    private final Positions positions;
    private final List<YamlDocument> documents = new ArrayList<>();
    private final List<Issue> fileIssues = new ArrayList<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<String, Anchored> anchors = new HashMap<>();
    private int aliases;
    private boolean inDocument;
    private int documentFirstIssue;
    private SourceLocation documentStart;
    private YNode root;
    private long expandedNodes;
    private boolean failed;

    /** Set when the text is known to be of the block subset's alphabet: then that reader is tried first. */
    private final SubsetText subset;

    TreeBuilder(Limits limits, Diagnostics diag, String text, SubsetText subset) {
        this.limits = limits;
        this.diag = diag;
        this.text = text;
        this.positions = new Positions(diag.source(), text);
        this.subset = subset;
    }

    YamlStream build() {
        // the common shape of a rule file is read by a small reader of its own; snakeyaml reads everything else
        List<Event> simple = subset == null ? null : BlockSubset.events(subset);
        if (simple != null) {
            for (int i = 0; !failed && i < simple.size(); i++) {
                handle(simple.get(i));
            }
        } else {
            parseAll();
        }
        if (!failed && documents.isEmpty() && fileIssues.isEmpty()) {
            diag.warning(IssueCode.EMPTY_FILE, location(1, 1), "the file holds no YAML document");
            fileIssues.add(lastIssue());
        }
        return new YamlStream(documents, fileIssues);
    }

    private void parseAll() {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(diag.source())
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxDocumentBytes() + 1))
                // One buffer for the whole (size-checked) text. With the default 1 KB buffer, snakeyaml-engine
                // 2.9 copies its growing window on every refill while scanning a long scalar (quadratic: seconds
                // for a 2 MB value), and overruns the buffer when a refill ends inside a surrogate pair (an emoji
                // at a 1,024-character boundary; SigmaHQ rules contain emoji).
                .setBufferSize(Math.max(1024, text.length() + 1))
                .build();
        Parser parser = new ParserImpl(settings, new StreamReader(settings, text));
        Event event;
        while (!failed && (event = nextEvent(parser)) != null) {
            handle(event);
        }
    }

    /** The next event, or null at the end of the stream or after reporting a syntax error. */
    private Event nextEvent(Parser parser) {
        try {
            return parser.hasNext() ? parser.next() : null;
        } catch (MarkedYamlEngineException e) {
            Mark at = e.getProblemMark().or(e::getContextMark).orElse(null);
            fatal(IssueCode.YAML_SYNTAX, at == null ? location(1, 1) : location(at), syntaxMessage(e));
        } catch (YamlEngineException e) {
            fatal(IssueCode.YAML_SYNTAX, location(1, 1), "malformed YAML: " + e.getMessage());
        } catch (RuntimeException e) {
            // a defect in the parser must not take the whole load down with it: this file is reported, not read
            fatal(IssueCode.YAML_SYNTAX, location(1, 1), "the YAML parser failed on this file: " + e);
        }
        return null;
    }

    private void handle(Event event) {
        switch (event.getEventId()) {
            case DocumentStart -> startDocument(event);
            case DocumentEnd -> endDocument();
            case Scalar -> scalar((ScalarEvent) event);
            case SequenceStart, MappingStart -> open((CollectionStartEvent) event);
            case SequenceEnd, MappingEnd -> {
                Frame f = stack.pop();
                YNode node = f.build();
                f.anchor.ifPresent(a -> anchors.put(a, new Anchored(node, f.size, f.height)));
                add(node, f.size, f.height, 1); // its content was counted as it arrived
            }
            case Alias -> alias((AliasEvent) event);
            default -> { /* stream start/end, comments */ }
        }
    }

    private void startDocument(Event event) {
        inDocument = true;
        documentFirstIssue = diag.issues().size();
        documentStart = event.getStartMark().map(this::location).orElse(location(1, 1));
        root = null;
        stack.clear();
        anchors.clear();
        expandedNodes = 0;
    }

    private void endDocument() {
        inDocument = false;
        boolean empty = root == null || root instanceof YScalar s && s.isNull() && s.text().isEmpty();
        if (empty && diag.issues().size() == documentFirstIssue) {
            return; // an empty document (a stray '---') carries nothing
        }
        documents.add(new YamlDocument(root, root == null ? documentStart : root.location(), true, documentIssues()));
    }

    private boolean scalar(ScalarEvent e) {
        SourceLocation at = nodeLocation(e, e.getTag());
        boolean tagged = rejectTag(e.getTag(), e);
        String value = e.getValue();
        if (value.length() > limits.maxScalarChars()) {
            error(IssueCode.YAML_LIMIT, at, "a scalar of " + value.length() + " characters exceeds the limit of "
                    + limits.maxScalarChars());
            value = value.substring(0, limits.maxScalarChars());
        }
        YScalar.Style style = style(e.getScalarStyle());
        Object resolved = style == YScalar.Style.PLAIN && !tagged ? ScalarResolver.resolvePlain(value) : value;
        YScalar node = new YScalar(value, resolved, style, at);
        e.getAnchor().ifPresent(a -> anchors.put(a.getValue(), new Anchored(node, 1, 0)));
        return add(node, 1, 0, 1);
    }

    private boolean open(CollectionStartEvent e) {
        SourceLocation at = nodeLocation(e, e.getTag());
        if (stack.size() + 1 > limits.maxDepth()) {
            return fatal(IssueCode.YAML_LIMIT, at, "YAML nesting is deeper than " + limits.maxDepth() + " levels");
        }
        rejectTag(e.getTag(), e);
        boolean map = e.getEventId() == Event.ID.MappingStart;
        stack.push(new Frame(map, at, e.getAnchor().map(a -> a.getValue())));
        return true;
    }

    private boolean alias(AliasEvent e) {
        SourceLocation at = e.getStartMark().map(this::location).orElse(documentStart);
        String name = e.getAlias().getValue();
        if (++aliases > limits.maxAliases()) {
            return fatal(IssueCode.YAML_LIMIT, at, "more than " + limits.maxAliases() + " aliases in one file");
        }
        Anchored target = anchors.get(name);
        if (target == null) {
            return fatal(IssueCode.YAML_SYNTAX, at, "alias *" + name
                    + " refers to no complete anchor before it (undefined, or recursive)");
        }
        if (stack.size() + target.height > limits.maxDepth()) {
            return fatal(IssueCode.YAML_LIMIT, at, "alias *" + name + " nests YAML deeper than "
                    + limits.maxDepth() + " levels");
        }
        if (expandedNodes + target.size > limits.maxDocumentBytes()) {
            return fatal(IssueCode.YAML_LIMIT, at, BOMB);
        }
        return add(target.node, target.size, target.height, target.size);
    }

    /**
     * Attaches a finished node to its parent (or makes it the root); false after a fatal limit.
     * {@code newNodes} is what the node adds to the document's expanded size: 1 for a node read, its whole
     * size for an alias.
     */
    private boolean add(YNode node, long size, int height, long newNodes) {
        expandedNodes += newNodes;
        if (expandedNodes > limits.maxDocumentBytes()) {
            return fatal(IssueCode.YAML_LIMIT, node.location(), BOMB);
        }
        Frame parent = stack.peek();
        if (parent == null) {
            root = node;
            return true;
        }
        parent.size += size;
        parent.height = Math.max(parent.height, height + 1);
        if (!parent.map) {
            parent.items.add(node);
        } else if (parent.key == null && !parent.dropValue) {
            acceptKey(parent, node);
        } else {
            if (!parent.dropValue) {
                parent.entries.add(new YMap.Entry(parent.key, node));
            }
            parent.key = null;
            parent.dropValue = false;
        }
        return true;
    }

    private void acceptKey(Frame map, YNode node) {
        if (!(node instanceof YScalar key)) {
            error(IssueCode.YAML_SYNTAX, node.location(), "a mapping key must be a scalar, not a " + node.typeName());
            map.dropValue = true;
            return;
        }
        if (key.style() == YScalar.Style.PLAIN && key.text().equals("<<")) {
            // YAML 1.1 merge keys are not part of the 1.2 core schema; taking '<<' as an ordinary key would
            // silently drop what the author meant to merge in
            error(IssueCode.UNSUPPORTED_FEATURE, key.location(), "YAML merge keys ('<<') are not supported; "
                    + "write the entries out");
            map.dropValue = true;
            return;
        }
        YScalar first = map.keys.putIfAbsent(key.text(), key);
        if (first != null) {
            error(IssueCode.YAML_DUPLICATE_KEY, key.location(), "duplicate key '" + key.text() + "' on line "
                    + key.location().line() + "; it is first defined on line " + first.location().line());
            map.dropValue = true;
            return;
        }
        map.key = key;
    }

    /** Reports an explicit tag; true when there was one. */
    private boolean rejectTag(Optional<String> tag, NodeEvent e) {
        if (tag.isEmpty()) {
            return false;
        }
        String t = tag.get();
        String shown = t.startsWith(CORE_TAG_PREFIX) ? "!!" + t.substring(CORE_TAG_PREFIX.length()) : t;
        error(IssueCode.YAML_FORBIDDEN_TAG, e.getStartMark().map(this::location).orElse(documentStart),
                "explicit YAML tag '" + shown + "' is not allowed: rules are plain data");
        return true;
    }

    private boolean fatal(IssueCode code, SourceLocation at, String message) {
        failed = true;
        if (inDocument) {
            diag.error(code, at, message);
            YNode partial = closePartial();
            documents.add(new YamlDocument(partial, partial == null ? documentStart : partial.location(), false,
                    documentIssues()));
            inDocument = false;
        } else {
            diag.error(code, at, message);
            fileIssues.add(lastIssue());
        }
        return false;
    }

    /** Closes every open collection so that reports can still name a document that failed half-way. */
    private YNode closePartial() {
        YNode node = null;
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (node != null) {
                if (!f.map) f.items.add(node);
                else if (f.key != null && !f.dropValue) f.entries.add(new YMap.Entry(f.key, node));
                f.key = null;
            }
            node = f.build();
        }
        return node != null ? node : root;
    }

    private void error(IssueCode code, SourceLocation at, String message) {
        diag.error(code, at, message);
        if (!inDocument) {
            fileIssues.add(lastIssue());
        }
    }

    private List<Issue> documentIssues() {
        List<Issue> all = diag.issues();
        return all.subList(documentFirstIssue, all.size());
    }

    private Issue lastIssue() {
        List<Issue> all = diag.issues();
        return all.get(all.size() - 1);
    }

    private static YScalar.Style style(ScalarStyle s) {
        return switch (s) {
            case SINGLE_QUOTED -> YScalar.Style.SINGLE_QUOTED;
            case DOUBLE_QUOTED -> YScalar.Style.DOUBLE_QUOTED;
            case LITERAL -> YScalar.Style.LITERAL;
            case FOLDED -> YScalar.Style.FOLDED;
            default -> YScalar.Style.PLAIN;
        };
    }

    private static String syntaxMessage(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
        String context = e.getContext();
        Optional<Mark> contextMark = e.getContextMark();
        if (context != null && contextMark.isPresent()) {
            Mark c = contextMark.get();
            return problem + " (" + context + " started at line " + (c.getLine() + 1) + ", column "
                    + (c.getColumn() + 1) + ")";
        }
        return context == null ? problem : problem + " (" + context + ")";
    }

    private SourceLocation nodeLocation(NodeEvent e, Optional<String> tag) {
        return positions.node(e, tag.isPresent(), documentStart);
    }

    private SourceLocation location(Mark m) {
        return positions.at(m);
    }

    private SourceLocation location(int line, int column) {
        return positions.at(line, column);
    }

    private record Anchored(YNode node, long size, int height) {}

    private static final class Frame {
        final boolean map;
        final SourceLocation location;
        final Optional<String> anchor;
        final List<YNode> items = new ArrayList<>();
        final List<YMap.Entry> entries = new ArrayList<>();
        final Map<String, YScalar> keys = new HashMap<>();
        YScalar key;
        boolean dropValue;
        long size = 1;
        int height = 1;

        Frame(boolean map, SourceLocation location, Optional<String> anchor) {
            this.map = map;
            this.location = location;
            this.anchor = anchor;
        }

        YNode build() {
            return map ? new YMap(entries, location) : new YSeq(items, location);
        }
    }
}
