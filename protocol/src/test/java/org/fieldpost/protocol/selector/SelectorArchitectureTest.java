package org.fieldpost.protocol.selector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The selector package needs only the JDK (the JMS provider and the broker both use it, and it must not pull in the
 * codec); the JMS mapping package needs only the selector package and the protocol's base types.
 */
class SelectorArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.fieldpost.protocol.selector", "org.fieldpost.protocol.jms");

    @Test
    void selectorsDependOnTheJdkOnly() {
        classes().that().resideInAPackage("org.fieldpost.protocol.selector..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.fieldpost.protocol.selector..", "java..")
            .check(CLASSES);
    }

    @Test
    void jmsMappingDependsOnSelectorsAndBaseTypesOnly() {
        classes().that().resideInAPackage("org.fieldpost.protocol.jms..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.fieldpost.protocol.jms..",
                "org.fieldpost.protocol.selector..", "org.fieldpost.protocol", "java..")
            .check(CLASSES);
    }
}
