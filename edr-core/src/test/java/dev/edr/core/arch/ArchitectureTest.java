package dev.edr.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DESIGN.md rules of direction for edr-core, checked on the compiled main classes. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.edr.core");

    private static final String[] FOREIGN_ENGINE_TYPES = {"org.drools..", "org.kie..", "com.google.re2j..",
            "com.fasterxml.."};

    @Test
    void coreNeverImportsYamlOrAntlr() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.yaml..", "org.snakeyaml..", "org.antlr..")
                .check(CORE);
    }

    @Test
    void onlyTheDroolsPackagesTouchDrools() {
        noClasses().that().resideOutsideOfPackages("dev.edr.core.internal.drools..",
                        "dev.edr.core.internal.correlation..")
                .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..")
                .check(CORE);
    }

    @Test
    void publicApiExposesNoEngineLibraryTypes() {
        methods().that().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.edr.core.internal..")
                .and().arePublic()
                .should(exposeNoneOf(FOREIGN_ENGINE_TYPES))
                .check(CORE);
    }

    private static ArchCondition<JavaMethod> exposeNoneOf(String... packages) {
        DescribedPredicate<JavaClass> foreign = JavaClass.Predicates
                .resideInAnyPackage(packages);
        return new ArchCondition<>("expose no type of " + String.join(", ", packages)) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                Set<JavaClass> involved = new java.util.HashSet<>(method.getParameterTypes().stream()
                        .flatMap(t -> t.getAllInvolvedRawTypes().stream()).toList());
                involved.addAll(method.getReturnType().getAllInvolvedRawTypes());
                method.getThrowsClause().getTypes().forEach(involved::add);
                for (JavaClass c : involved) {
                    if (foreign.test(c)) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " exposes " + c.getName()));
                    }
                }
            }
        };
    }

    @Test
    void theRuleHoldsOnAViolatingExample() {
        JavaClasses bad = new ClassFileImporter().importClasses(LeakyApi.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> methods().that().arePublic()
                .should(exposeNoneOf(FOREIGN_ENGINE_TYPES)).check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.kie.api.KieBase");
    }

    /** A deliberately leaky shape, to prove the API rule can fail. */
    public static final class LeakyApi {
        public org.kie.api.KieBase kieBase() {
            return null;
        }
    }
}
