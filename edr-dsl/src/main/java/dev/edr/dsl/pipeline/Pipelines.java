package dev.edr.dsl.pipeline;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.LoadException;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.event.WindowsMapping;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Logsource and field-mapping pipelines, written in YAML, turned into the core records the normalizers use
 * ({@code Normalizers.auto(Pipelines.windowsDefault())}).
 *
 * <p>The built-in Windows pipeline is {@code dev/edr/dsl/pipelines/windows.yml}; its header documents the
 * format. A user pipeline either replaces it or, with {@code extends: default}, extends it: its sources replace
 * built-in sources of the same name, add new ones, and {@code name: null} removes one.
 */
public final class Pipelines {
    static final String WINDOWS_RESOURCE = "/dev/edr/dsl/pipelines/windows.yml";

    private Pipelines() {}

    /** The built-in Windows pipeline. Parsed once; immutable. */
    public static WindowsMapping windowsDefault() {
        return DefaultHolder.WINDOWS;
    }

    /**
     * A Windows pipeline file.
     *
     * @throws LoadException with every located issue when the file cannot be read or is not a valid pipeline
     */
    public static WindowsMapping load(Path file) throws LoadException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > PipelineYaml.MAX_CHARS * 4L) {
                throw failure(source, IssueCode.YAML_LIMIT, "the file is larger than a pipeline can be");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            throw failure(source, IssueCode.IO_ERROR, "cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw failure(source, IssueCode.YAML_SYNTAX, "the file is not valid UTF-8");
        }
        return parse(source, text);
    }

    /**
     * A Windows pipeline from YAML text; {@code source} names it in issues.
     *
     * @throws LoadException with every located issue when the text is not a valid pipeline
     */
    public static WindowsMapping parse(String source, String yaml) throws LoadException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(yaml, "yaml");
        Diagnostics diag = new Diagnostics(source, yaml);
        YNode root = PipelineYaml.read(yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml, diag);
        WindowsMapping mapping = root == null ? null : WindowsPipelineReader.read(root, diag, Pipelines::windowsDefault);
        if (mapping == null || diag.hasErrors()) {
            throw new LoadException(diag.issues());
        }
        return mapping;
    }

    private static LoadException failure(String source, IssueCode code, String message) {
        return new LoadException(List.of(Issue.error(code, SourceLocation.of(source, 1, 1), message)));
    }

    private static final class DefaultHolder {
        static final WindowsMapping WINDOWS = loadResource();

        private static WindowsMapping loadResource() {
            try (InputStream in = Pipelines.class.getResourceAsStream(WINDOWS_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + WINDOWS_RESOURCE);
                }
                return parse(WINDOWS_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + WINDOWS_RESOURCE, e);
            } catch (LoadException e) {
                // a packaging defect, not a user error: the build's own tests load this file
                throw new IllegalStateException("built-in pipeline is invalid: " + e.getMessage(), e);
            }
        }
    }
}
