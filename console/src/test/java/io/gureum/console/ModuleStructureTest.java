package io.gureum.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The console's feature packages seen as Spring Modulith modules: they are verified, and their diagram in
 * docs/architecture/ is written from the code by this test (commit what it changes).
 */
class ModuleStructureTest {

    static final ApplicationModules MODULES = ApplicationModules.of(GureumConsoleApplication.class);

    static final Path DOCS = Path.of("..", "docs", "architecture");

    @Test
    void the_workload_model_and_both_kinds_are_modules_of_the_console() {
        assertThat(MODULES.stream().map(module -> module.getIdentifier().toString()))
                .contains("workload", "vm", "container", "host", "project", "quota", "task", "audit");
    }

    @Test
    void the_modules_keep_their_boundaries() {
        MODULES.verify();
    }

    @Test
    void the_module_diagram_in_the_docs_is_written_from_the_code() throws Exception {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml(Documenter.DiagramOptions.defaults()
                        .withStyle(Documenter.DiagramOptions.DiagramStyle.C4));
        assertThat(DOCS.resolve("components.puml")).exists();
        assertThat(Files.readString(DOCS.resolve("components.puml"))).contains("Workload", "Vm", "Container");
    }
}
