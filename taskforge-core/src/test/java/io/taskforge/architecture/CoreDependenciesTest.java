package io.taskforge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core is plain Java so that it embeds anywhere and stays easy to reason about: Spring,
 * Jackson and JDBC live at the edges (server, store), never here.
 */
class CoreDependenciesTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.taskforge");
    }

    @Test
    void core_does_not_use_spring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(core);
    }

    @Test
    void core_does_not_use_jackson() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.fasterxml.jackson..", "tools.jackson..")
                .check(core);
    }

    @Test
    void core_does_not_use_jdbc_or_drivers() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..", "org.sqlite..", "com.zaxxer..")
                .check(core);
    }

    @Test
    void the_domain_does_not_know_the_engine_or_the_store() {
        noClasses()
                .that()
                .resideInAPackage("io.taskforge.task..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.taskforge.engine..", "io.taskforge.store..", "io.taskforge.client..")
                .check(core);
    }

    @Test
    void the_store_spi_does_not_know_the_engine() {
        noClasses()
                .that()
                .resideInAPackage("io.taskforge.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.taskforge.engine..", "io.taskforge.client..", "io.taskforge.handler..")
                .check(core);
    }

    @Test
    void feature_packages_have_no_cycles() {
        slices().matching("io.taskforge.(*)..").should().beFreeOfCycles().check(core);
    }
}
