package io.taskforge.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server owns no SQL: it talks to the engine, the client and the store SPI of the core. Only
 * the engine configuration may name the JDBC store, to open it.
 */
class ServerDependenciesTest {
    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.taskforge.server");
    }

    @Test
    void the_server_uses_no_jdbc_and_no_driver() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "org.postgresql..",
                        "org.sqlite..",
                        "com.zaxxer..",
                        "org.flywaydb..")
                .check(server);
    }

    /** The engine configuration opens the store; the migrate and backup commands open it without a server. */
    @Test
    void only_the_engine_configuration_and_the_store_commands_know_the_jdbc_store() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("io.taskforge.server.config.EngineConfiguration")
                .and()
                .doNotHaveFullyQualifiedName("io.taskforge.server.cli.StoreTools")
                .and()
                .doNotHaveFullyQualifiedName("io.taskforge.server.cli.MigrateCommand")
                .and()
                .doNotHaveFullyQualifiedName("io.taskforge.server.cli.BackupCommand")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.taskforge.store.jdbc..", "io.taskforge.jdbc..")
                .check(server);
    }

    @Test
    void api_features_do_not_depend_on_each_other_except_through_the_task_json() {
        noClasses()
                .that()
                .resideInAnyPackage("io.taskforge.server.task..", "io.taskforge.server.problem..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.taskforge.server.tag..", "io.taskforge.server.logs..", "io.taskforge.server.cli..")
                .check(server);
    }
}
