package io.gureum.console;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.container.ContainerService;
import io.gureum.console.container.ContainerSummary;
import io.gureum.console.container.ContainerValidationException;
import io.gureum.console.container.NewContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.host.HostValidationException;
import io.gureum.console.host.NewHost;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.UserValidationException;
import io.gureum.console.image.ContainerImageService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.image.ImageValidationException;
import io.gureum.console.image.InstanceSize;
import io.gureum.console.image.InstanceSizeService;
import io.gureum.console.image.VmImageService;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.project.ProjectValidationException;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.QuotaValidationException;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.system.InvalidInput;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmService;
import io.gureum.console.vm.VmSummary;
import io.gureum.console.vm.VmValidationException;
import io.gureum.hypervisor.DiskFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The services' own rules for names and numbers, so that every client (the UI, the API) gets them: names with
 * white space at either end are refused (never trimmed) and nothing is made; numbers out of range are refused
 * with what was asked and the range; every refusal names the field it concerns.
 */
@ConsoleTest
class InputRulesTest {

    static final String LEADING = " leading-space";
    static final String TRAILING = "trailing-space ";

    @Autowired
    VmService vms;

    @Autowired
    ContainerService containers;

    @Autowired
    ProjectService projects;

    @Autowired
    IdentityService identity;

    @Autowired
    HostService hosts;

    @Autowired
    InstanceSizeService sizes;

    @Autowired
    VmImageService vmImages;

    @Autowired
    ContainerImageService containerImages;

    @Autowired
    QuotaService quotas;

    @Autowired
    Fixtures fixtures;

    Fixtures.Tenant tenant;

    @BeforeEach
    void aProject() {
        tenant = fixtures.tenant("rules");
    }

    @Test
    void vm_names_with_white_space_at_either_end_are_refused_and_no_vm_is_made() {
        for (String name : new String[] {LEADING, TRAILING}) {
            assertRefused(() -> asUser(tenant.member().username(), () -> vms.create(
                    new NewVm(name, tenant.id(), ImageCatalog.TINY_LINUX, 1, 128, null))),
                    VmValidationException.class, "name", "white space");
        }
        assertThat(asAdmin(() -> vms.list())).extracting(VmSummary::name)
                .doesNotContain("leading-space", "trailing-space", LEADING, TRAILING);
    }

    @Test
    void vm_numbers_out_of_range_name_the_value_asked_for_and_the_range() {
        assertRefused(() -> asUser(tenant.member().username(), () -> vms.create(
                new NewVm("numbers", tenant.id(), ImageCatalog.TINY_LINUX, 1, Long.MAX_VALUE, null))),
                VmValidationException.class, "memoryMib", "not 9223372036854775807", "64 to 65536");
        assertRefused(() -> asUser(tenant.member().username(), () -> vms.create(
                new NewVm("numbers", tenant.id(), ImageCatalog.TINY_LINUX, 1, -1, null))),
                VmValidationException.class, "memoryMib", "not -1");
        assertRefused(() -> asUser(tenant.member().username(), () -> vms.create(
                new NewVm("numbers", tenant.id(), ImageCatalog.TINY_LINUX, -1, 128, null))),
                VmValidationException.class, "vcpus", "1 to 16 vCPUs, not -1");
    }

    @Test
    void container_names_with_white_space_are_refused_and_numbers_name_their_field() {
        assertRefused(() -> asUser(tenant.member().username(), () -> containers.create(container(LEADING, 0.5, 64,
                null))), ContainerValidationException.class, "name", "starts with white space");
        assertRefused(() -> asUser(tenant.member().username(), () -> containers.create(container("ok", 0.5,
                Long.MAX_VALUE, null))), ContainerValidationException.class, "memoryMib", "not 9223372036854775807");
        assertRefused(() -> asUser(tenant.member().username(), () -> containers.create(container("ok", -1, 64,
                null))), ContainerValidationException.class, "cpus", "not -1.0");
        assertRefused(() -> asUser(tenant.member().username(), () -> containers.create(container("ok", 0.5, 64,
                70000))), ContainerValidationException.class, "containerPort", "1 to 65535, not 70000");
        assertThat(asAdmin(() -> containers.list())).extracting(ContainerSummary::name)
                .doesNotContain("leading-space", LEADING);
    }

    private NewContainer container(String name, double cpus, long memoryMib, Integer port) {
        return new NewContainer(name, tenant.id(), ContainerService.DEFAULT_IMAGE, null, Map.of(), cpus, memoryMib,
                "no", port, null);
    }

    @Test
    void project_names_with_white_space_are_refused_on_create_and_rename() {
        assertRefused(() -> asAdmin(() -> projects.create(LEADING, null)), ProjectValidationException.class, "name",
                "starts with white space");
        assertRefused(() -> asAdmin(() -> projects.rename(tenant.id(), TRAILING)), ProjectValidationException.class,
                "name", "ends with white space");
        assertRefused(() -> asAdmin(() -> projects.create("no-such-owner-" + UUID.randomUUID(), "nobody-here")),
                ProjectValidationException.class, "owner", "There is no user 'nobody-here'");
        assertThat(asAdmin(() -> projects.visibleProjects())).extracting(ProjectSummary::name)
                .doesNotContain("leading-space", LEADING).contains(tenant.project().name());
    }

    @Test
    void user_names_with_white_space_are_refused_and_weak_passwords_name_the_password_field() {
        assertRefused(() -> asAdmin(() -> identity.createUser(LEADING, null, Fixtures.PASSWORD, false)),
                UserValidationException.class, "username", "starts with white space");
        assertThat(identity.findByUsername("leading-space")).isEmpty();
        assertRefused(() -> asAdmin(() -> identity.createUser("weak-" + System.nanoTime() % 100000, null, "short",
                false)), InvalidInput.class, "password", "");
    }

    @Test
    void host_size_and_image_names_with_white_space_are_refused() throws Exception {
        assertRefused(() -> asAdmin(() -> hosts.register(new NewHost(LEADING, "test:///default", "", ""))),
                HostValidationException.class, "name", "Host name ' leading-space' starts with white space");
        assertThat(asAdmin(() -> hosts.list())).extracting(HostSummary::name).doesNotContain("leading-space");
        assertRefused(() -> asAdmin(() -> sizes.create(TRAILING, 1, 256, 1)), ImageValidationException.class, "name",
                "ends with white space");
        assertRefused(() -> asAdmin(() -> sizes.create("huge-disk", 1, 256, -5)), ImageValidationException.class,
                "diskGib", "not -5");
        assertThat(sizes.list()).extracting(InstanceSize::name).doesNotContain("trailing-space", TRAILING);
        Path upload = Files.createTempFile("rules-", ".qcow2");
        assertRefused(() -> asAdmin(() -> vmImages.upload(LEADING, DiskFormat.QCOW2, upload)),
                ImageValidationException.class, "name", "starts with white space");
        Path tarball = Files.createTempFile("rules-", ".tar");
        assertRefused(() -> asAdmin(() -> containerImages.importRootfs(UUID.randomUUID(), " tools/x:1", tarball)),
                ImageValidationException.class, "reference", "white space");
    }

    @Test
    void a_negative_quota_limit_is_refused_naming_the_amount() {
        assertRefused(() -> asAdmin(() -> quotas.setLimits(tenant.id(), new ResourceAmounts(4, -1, 10, 2, 2, 2,
                1024))), QuotaValidationException.class, "memoryMib", "memory (MiB) cannot be -1");
    }

    private static void assertRefused(ThrowingCallable call, Class<? extends InvalidInput> type, String field,
                                      String... messageParts) {
        assertThatThrownBy(call).isInstanceOf(type)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo(field))
                .hasMessageContainingAll(messageParts);
    }
}
