package dev.edr.dsl.internal.pack;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.document.BuiltDocument;
import dev.edr.dsl.internal.document.DocumentBuilder;
import dev.edr.dsl.internal.document.DocumentKind;
import dev.edr.dsl.internal.document.SectionParsers;
import dev.edr.dsl.internal.yaml.SourceText;
import dev.edr.dsl.internal.yaml.YamlDocument;
import dev.edr.dsl.internal.yaml.YamlReader;
import dev.edr.dsl.internal.yaml.YamlStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads one rule file (or text) into its documents, each with its issues in source order. Thread-safe. */
public final class FileLoader {
    private static final Comparator<Issue> BY_POSITION = Comparator.comparingInt((Issue i) -> i.location().line())
            .thenComparingInt(i -> i.location().column());

    private final Limits limits;
    private final YamlReader reader;
    private final DocumentBuilder builder;

    public FileLoader(Limits limits, SectionParsers parsers) {
        this.limits = limits;
        this.reader = new YamlReader(limits);
        this.builder = new DocumentBuilder(limits, parsers);
    }

    public List<LoadedDocument> loadFile(Path path, String source) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > limits.maxDocumentBytes()) {
                return fileProblem(source, IssueCode.YAML_LIMIT, 1, 1, "the file is " + size
                        + " bytes long; the limit is " + limits.maxDocumentBytes() + " bytes");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return fileProblem(source, IssueCode.IO_ERROR, 1, 1, "no such file");
        } catch (AccessDeniedException e) {
            return fileProblem(source, IssueCode.IO_ERROR, 1, 1, "permission denied");
        } catch (IOException | SecurityException e) {
            return fileProblem(source, IssueCode.IO_ERROR, 1, 1, "the file could not be read: " + e.getMessage());
        }
        SourceText text = SourceText.decode(bytes);
        if (!text.isValid()) {
            Diagnostics diag = new Diagnostics(source, text.text());
            diag.error(IssueCode.IO_ERROR, SourceLocation.of(source, text.errorLine(), text.errorColumn()),
                    "not a UTF-8 text file: " + text.errorDetail());
            return List.of(new LoadedDocument(DocumentKind.FILE, null, SourceLocation.of(source, 1, 1),
                    diag.issues()));
        }
        return loadText(source, text.text());
    }

    public List<LoadedDocument> loadText(String source, String text) {
        Diagnostics diag = new Diagnostics(source, text);
        YamlStream stream = reader.read(text, diag);
        List<LoadedDocument> out = new ArrayList<>();
        if (!stream.fileIssues().isEmpty()) {
            out.add(new LoadedDocument(DocumentKind.FILE, null, SourceLocation.of(source, 1, 1),
                    stream.fileIssues()));
        }
        for (YamlDocument doc : stream.documents()) {
            int before = diag.issues().size();
            BuiltDocument built = builder.build(doc, diag);
            List<Issue> all = diag.issues();
            List<Issue> issues = new ArrayList<>(doc.issues());
            issues.addAll(all.subList(before, all.size()));
            issues.sort(BY_POSITION);
            out.add(new LoadedDocument(built.kind(), built, built.location(), issues));
        }
        return out;
    }

    private static List<LoadedDocument> fileProblem(String source, IssueCode code, int line, int column,
            String message) {
        Diagnostics diag = new Diagnostics(source, "");
        diag.error(code, SourceLocation.of(source, line, column), message);
        return List.of(new LoadedDocument(DocumentKind.FILE, null, SourceLocation.of(source, 1, 1), diag.issues()));
    }
}
