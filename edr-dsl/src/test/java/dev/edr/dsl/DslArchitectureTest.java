package dev.edr.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md's rules of direction for edr-dsl, enforced. */
class DslArchitectureTest {
    private static final JavaClasses DSL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.edr.dsl");

    @Test
    void dslNeverTouchesDrools() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..")
                .check(DSL);
    }

    @Test
    void dslDoesNotReachIntoCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.edr.core.internal..").check(DSL);
    }

    @Test
    void publicApiLeaksNoYamlOrAntlrTypes() {
        java.util.List<String> leaks = new java.util.ArrayList<>();
        for (com.tngtech.archunit.core.domain.JavaClass c : DSL) {
            if (!c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                    || c.getPackageName().contains(".internal")) {
                continue;
            }
            for (com.tngtech.archunit.core.domain.JavaMethod m : c.getMethods()) {
                if (!m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                    continue;
                }
                java.util.List<com.tngtech.archunit.core.domain.JavaClass> types = new java.util.ArrayList<>(m.getRawParameterTypes());
                types.add(m.getRawReturnType());
                for (com.tngtech.archunit.core.domain.JavaClass t : types) {
                    String pkg = t.getPackageName();
                    if (pkg.startsWith("org.snakeyaml") || pkg.startsWith("org.antlr") || pkg.startsWith("org.yaml")) {
                        leaks.add(m.getFullName() + " uses " + t.getName());
                    }
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(leaks).isEmpty();
    }
}
