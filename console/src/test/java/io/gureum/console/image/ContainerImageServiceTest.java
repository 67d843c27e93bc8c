package io.gureum.console.image;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Requires;
import io.gureum.container.ImageInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Container images per host, on the local host's real Podman. */
@ConsoleTest
class ContainerImageServiceTest {

    @Autowired
    ContainerImageService images;

    @Autowired
    VmImageService vmImages;

    @Autowired
    HostService hosts;

    @Autowired
    Fixtures fixtures;

    @TempDir
    Path dir;

    HostSummary local;

    @BeforeEach
    void localPodman() {
        local = asAdmin(() -> images.engineHosts().stream().filter(HostSummary::acceptsPlacements)
                .findFirst().orElse(null));
        if (local == null) {
            Requires.missing("no host with a container engine is registered (local Podman): run src/host/setup.sh");
        }
    }

    /** A tiny root file system: one file, packed with tar into a console-owned upload file. */
    private Path rootfsTarball(boolean gzip) throws Exception {
        Path root = Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(root.resolve("motd"), "hello from an imported root file system\n");
        Path tarball = vmImages.newUploadFile();
        DiskImages.run("tar", gzip ? "-czf" : "-cf", tarball.toString(), "-C", dir.resolve("rootfs").toString(), ".");
        return tarball;
    }

    @Test
    void an_admin_imports_a_root_file_system_that_the_host_then_lists_and_removes_it() throws Exception {
        String reference = "gureum-test/rootfs-" + System.nanoTime() % 100_000 + ":1.0";
        Path tarball = rootfsTarball(true);

        ImageInfo imported = asAdmin(() -> images.importRootfs(local.id(), reference, tarball));

        assertThat(imported.tags()).contains("localhost/" + reference);
        assertThat(tarball).doesNotExist();
        assertThat(asAdmin(() -> images.images(local.id()))).anySatisfy(
                image -> assertThat(image.tags()).contains("localhost/" + reference));

        asAdmin(() -> images.remove(local.id(), "localhost/" + reference));
        assertThat(asAdmin(() -> images.images(local.id()))).noneSatisfy(
                image -> assertThat(image.tags()).contains("localhost/" + reference));
    }

    @Test
    void bad_image_names_are_refused_and_the_upload_deleted() throws Exception {
        for (String bad : new String[] {"NoTag", "Upper/case:1", "-dash:1", "a:b c", "../x:1", "x:"}) {
            Path tarball = rootfsTarball(false);
            assertThatThrownBy(() -> asAdmin(() -> images.importRootfs(local.id(), bad, tarball))).as(bad)
                    .isInstanceOf(ImageValidationException.class).hasMessageContaining("not valid");
            assertThat(tarball).doesNotExist();
        }
    }

    @Test
    void users_who_are_not_administrators_cannot_import_or_remove() throws Exception {
        String user = fixtures.user("cimg").username();
        Path tarball = rootfsTarball(false);

        assertThatThrownBy(() -> asUser(user, () -> images.importRootfs(local.id(), "mine:1", tarball)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(tarball).doesNotExist();
        assertThatThrownBy(() -> asUser(user, () -> images.remove(local.id(), "localhost/gureum/busybox:latest")))
                .isInstanceOf(AccessDeniedException.class);
    }
}
