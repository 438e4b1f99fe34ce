package org.fieldpost.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module's arrows: the protocol depends on no other Fieldpost module, and inside it the
 * layers only point down: content, then frame, then codec, then method and the base types.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.fieldpost.protocol");

    @Test
    void protocolDependsOnNoOtherFieldpostModule() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("are in another Fieldpost module",
                c -> c.getPackageName().startsWith("org.fieldpost")
                    && !c.getPackageName().startsWith("org.fieldpost.protocol")))
            .check(CLASSES);
    }

    @Test
    void methodDescriptionsDependOnNoCodec() {
        noClasses().that().resideInAPackage("org.fieldpost.protocol.method..")
            .should().dependOnClassesThat().resideInAnyPackage(
                "org.fieldpost.protocol.codec..", "org.fieldpost.protocol.frame..", "org.fieldpost.protocol.content..")
            .check(CLASSES);
    }

    @Test
    void codecDependsOnNeitherFramesNorContent() {
        noClasses().that().resideInAPackage("org.fieldpost.protocol.codec..")
            .should().dependOnClassesThat().resideInAnyPackage(
                "org.fieldpost.protocol.frame..", "org.fieldpost.protocol.content..")
            .check(CLASSES);
    }

    @Test
    void framesDoNotDependOnContentAssembly() {
        noClasses().that().resideInAPackage("org.fieldpost.protocol.frame..")
            .should().dependOnClassesThat().resideInAPackage("org.fieldpost.protocol.content..")
            .check(CLASSES);
    }

    @Test
    void baseTypesDependOnNoSubpackage() {
        noClasses().that().resideInAPackage("org.fieldpost.protocol")
            .should().dependOnClassesThat().resideInAnyPackage(
                "org.fieldpost.protocol.method..", "org.fieldpost.protocol.codec..",
                "org.fieldpost.protocol.frame..", "org.fieldpost.protocol.content..")
            .check(CLASSES);
    }
}
