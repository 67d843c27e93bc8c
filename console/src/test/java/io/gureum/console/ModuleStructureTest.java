package io.gureum.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** No cycles, no use of another module's internals; workload.ui is the workload module's named interface "ui". */
    @Test
    void the_modules_keep_their_boundaries() {
        MODULES.verify();
    }

    @Test
    void the_module_diagram_in_the_docs_is_written_from_the_code() throws Exception {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml(Documenter.DiagramOptions.defaults()
                        .withStyle(Documenter.DiagramOptions.DiagramStyle.C4));
        Path diagram = DOCS.resolve("components.puml");
        Files.writeString(diagram, sortedRuns(Files.readString(diagram)));
        assertThat(Files.readString(diagram)).contains("Workload", "Vm", "Container");
    }

    /** The documenter writes modules and relations in no fixed order: sorted, the file changes only with the code. */
    static String sortedRuns(String plantUml) {
        List<String> lines = new ArrayList<>(plantUml.lines().toList());
        for (String prefix : List.of("Rel(", "Component(")) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).stripLeading().startsWith(prefix)) {
                    at.add(i);
                }
            }
            List<String> sorted = at.stream().map(lines::get).sorted().toList();
            for (int i = 0; i < at.size(); i++) {
                lines.set(at.get(i), sorted.get(i));
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
