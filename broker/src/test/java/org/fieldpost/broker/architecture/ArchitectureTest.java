package org.fieldpost.broker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the dependency arrows of DESIGN.md true for the protocol and the broker. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.fieldpost");
    }

    @Test
    void protocolDependsOnNeitherBrokerNorProvider() {
        noClasses().that().resideInAPackage("org.fieldpost.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("org.fieldpost.broker..", "org.fieldpost.jms..",
                "jakarta.jms..")
            .check(classes);
    }

    @Test
    void brokerNeverReachesTheJmsApiOrTheProvider() {
        noClasses().that().resideInAPackage("org.fieldpost.broker..")
            .should().dependOnClassesThat().resideInAnyPackage("org.fieldpost.jms..", "jakarta.jms..")
            .check(classes);
    }

    @Test
    void messagingCoreKnowsNothingOfConnectionsOrSockets() {
        noClasses().that().resideInAnyPackage("org.fieldpost.broker.message..", "org.fieldpost.broker.exchange..",
                "org.fieldpost.broker.queue..", "org.fieldpost.broker.vhost..", "org.fieldpost.broker.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.fieldpost.broker.transport..",
                "org.fieldpost.broker.connection..", "org.fieldpost.broker.channel..", "io.netty.channel..")
            .check(classes);
    }

    @Test
    void transportKnowsNothingOfTheMessagingModel() {
        noClasses().that().resideInAPackage("org.fieldpost.broker.transport..")
            .should().dependOnClassesThat().resideInAnyPackage("org.fieldpost.broker.connection..",
                "org.fieldpost.broker.channel..", "org.fieldpost.broker.vhost..", "org.fieldpost.broker.queue..")
            .check(classes);
    }

    @Test
    void channelsDoNotReachBackIntoConnections() {
        noClasses().that().resideInAPackage("org.fieldpost.broker.channel..")
            .should().dependOnClassesThat().resideInAPackage("org.fieldpost.broker.connection..")
            .check(classes);
    }
}
