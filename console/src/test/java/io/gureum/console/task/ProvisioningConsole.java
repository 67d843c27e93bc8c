package io.gureum.console.task;

import io.gureum.console.GureumConsoleApplication;
import io.gureum.console.container.ContainerOperation;
import io.gureum.console.container.ContainerService;
import io.gureum.console.container.NewContainer;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console as its own process for {@link ConsoleKilledFaultTest}: starts the real application, then, as the
 * administrator, creates a VM on the local libvirtd and a container on the local Podman and prints their task
 * progress on stdout until the test kills the process with {@code kill -9}.
 */
public final class ProvisioningConsole {

    static final String SUBMITTED = "GUREUM-FAULT-SUBMITTED";
    static final String PROGRESS = "GUREUM-FAULT-PROGRESS";

    private ProvisioningConsole() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConfigurableApplicationContext context = SpringApplication.run(GureumConsoleApplication.class, args);
        HostService hosts = context.getBean(HostService.class);
        TaskService tasks = context.getBean(TaskService.class);
        String[] submitted = Actors.asAdmin(() -> {
            HostSummary local = hosts.list().stream().filter(h -> h.libvirtUri().equals("qemu:///system"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no local libvirtd host registered"));
            // The pool is made with the first VM; without it placement sees 0 B free (issue 11, part 2).
            hosts.hypervisorOf(local.id()).ensureDirectoryPool("gureum", Path.of("/var/lib/gureum/pools/default"));
            hosts.refresh(local.id());
            ProjectSummary project = context.getBean(ProjectService.class).create("faults", "admin");
            VmOperation vm = context.getBean(io.gureum.console.vm.VmService.class).create(new NewVm("interrupted",
                    project.id(), ImageCatalog.TINY_LINUX, 1, 128, local.id()));
            ContainerOperation container = context.getBean(ContainerService.class).create(new NewContainer(
                    "interrupted", project.id(), null, "while true; do echo tick; sleep 1; done", Map.of(), 0.5, 64,
                    "no", null));
            return new String[] {Long.toString(project.id()), vm.vm().id().toString(), vm.taskId().toString(),
                    container.container().id().toString(), container.taskId().toString()};
        });
        System.out.println(SUBMITTED + " project=" + submitted[0] + " vm=" + submitted[1] + " container="
                + submitted[3]);
        String last = "";
        while (true) {
            String now = Actors.asAdmin(() -> PROGRESS + " vm=" + tasks.get(java.util.UUID.fromString(submitted[2]))
                    .progress() + " container=" + tasks.get(java.util.UUID.fromString(submitted[4])).progress());
            if (!now.equals(last)) {
                System.out.println(now);
                last = now;
            }
            Thread.sleep(2);
        }
    }
}
