package io.gureum.console;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.gureum.console.workload.WorkloadRows;
import io.gureum.console.workload.WorkloadTasks;
import org.junit.jupiter.api.Test;

/** The driver boundary is the architecture: keep it visible and enforced; so is the line between the two kinds. */
class ArchitectureTest {

    private static final JavaClasses GUREUM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gureum");

    @Test
    void the_console_never_touches_libvirt_or_docker_java_types() {
        noClasses().that().resideInAPackage("io.gureum.console..")
                .should().dependOnClassesThat().resideInAnyPackage("org.libvirt..", "com.github.dockerjava..",
                        "com.sun.jna..")
                .check(GUREUM);
    }

    @Test
    void the_drivers_know_nothing_of_spring_or_the_console() {
        noClasses().that().resideInAnyPackage("io.gureum.hypervisor..", "io.gureum.container..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.gureum.console..",
                        "com.vaadin..", "jakarta.persistence..")
                .allowEmptyShould(true)
                .check(GUREUM);
    }

    @Test
    void the_two_drivers_are_independent_of_each_other() {
        noClasses().that().resideInAPackage("io.gureum.hypervisor..")
                .should().dependOnClassesThat().resideInAPackage("io.gureum.container..")
                .allowEmptyShould(true)
                .check(GUREUM);
        noClasses().that().resideInAPackage("io.gureum.container..")
                .should().dependOnClassesThat().resideInAPackage("io.gureum.hypervisor..")
                .allowEmptyShould(true)
                .check(GUREUM);
    }

    @Test
    void the_shared_workload_model_knows_no_kind() {
        // Mechanics written once over the kind adapters; a reference to vm/ or container/ would make it one kind's.
        noClasses().that().resideInAPackage("io.gureum.console.workload..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gureum.console.vm..",
                        "io.gureum.console.container..")
                .check(GUREUM);
    }

    @Test
    void vms_and_containers_are_independent_of_each_other() {
        // What both kinds need lives in workload/; neither kind borrows from the other.
        noClasses().that().resideInAPackage("io.gureum.console.vm..")
                .should().dependOnClassesThat().resideInAPackage("io.gureum.console.container..")
                .check(GUREUM);
        noClasses().that().resideInAPackage("io.gureum.console.container..")
                .should().dependOnClassesThat().resideInAPackage("io.gureum.console.vm..")
                .check(GUREUM);
    }

    @Test
    void only_a_kinds_facade_builds_the_shared_row_and_task_mechanics() {
        // WorkloadRows and WorkloadTasks read, write and act without checking the caller: each kind's facade builds
        // its own and keeps them to itself, so that the facade's role checks run on every way in.
        noClasses().that().doNotHaveFullyQualifiedName("io.gureum.console.vm.VmService")
                .and().doNotHaveFullyQualifiedName("io.gureum.console.container.ContainerService")
                .should().callConstructorWhere(target(owner(assignableTo(WorkloadRows.class))))
                .orShould().callConstructorWhere(target(owner(assignableTo(WorkloadTasks.class))))
                .check(GUREUM);
    }

    @Test
    void console_features_have_no_cycles() {
        slices().matching("io.gureum.console.(*)..").should().beFreeOfCycles().check(GUREUM);
    }
}
