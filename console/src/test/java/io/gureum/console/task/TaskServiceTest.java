package io.gureum.console.task;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class TaskServiceTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    TaskService tasks;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TransactionTemplate transactions;

    static TaskRequest request(String action, Long projectId) {
        String id = UUID.randomUUID().toString();
        return new TaskRequest(action, "vm", id, "vm-" + id.substring(0, 6), projectId);
    }

    static class DiskFull extends RuntimeException implements Explained {
        DiskFull() {
            super("No space left on pool 'default'.");
        }

        @Override
        public String whatToDo() {
            return "Free space on the host or choose a smaller disk.";
        }
    }

    @Test
    void steps_and_progress_are_persisted_in_order_and_the_task_succeeds() {
        Tenant tenant = fixtures.tenant("tsteps");
        TaskSummary done = asUser(tenant.member().username(), () -> {
            TaskSummary queued = tasks.submit(request("vm.create", tenant.id()), context -> {
                context.step("place on a host");
                context.progress(30);
                assertThat(tasks.steps(context.taskId())).extracting(TaskStepView::state).containsExactly("RUNNING");
                assertThat(tasks.get(context.taskId()).state()).isEqualTo(TaskState.RUNNING);
                assertThat(tasks.get(context.taskId()).progress()).isEqualTo(30);
                context.step("create copy-on-write disk");
                context.progress(60);
                context.step("define and start");
            });
            assertThat(queued.state()).isIn(TaskState.QUEUED, TaskState.RUNNING, TaskState.SUCCEEDED);
            assertThat(queued.actor()).isEqualTo(tenant.member().username());
            return tasks.await(queued.id(), WAIT);
        });

        assertThat(done.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.message()).isNull();
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        List<TaskStepView> steps = asUser(tenant.member().username(), () -> tasks.steps(done.id()));
        assertThat(steps).extracting(TaskStepView::position).containsExactly(1, 2, 3);
        assertThat(steps).extracting(TaskStepView::description)
                .containsExactly("place on a host", "create copy-on-write disk", "define and start");
        assertThat(steps).extracting(TaskStepView::state).containsOnly("DONE");
        assertThat(steps).allSatisfy(s -> assertThat(s.finishedAt()).isNotNull());
    }

    @Test
    void a_throwing_work_fails_the_task_with_its_message_and_the_failing_step() {
        TaskSummary failed = asAdmin(() -> tasks.await(tasks.submit(request("vm.start", null), context -> {
            context.step("start the domain");
            throw new IllegalStateException("internal error: process exited while connecting to monitor");
        }).id(), WAIT));

        assertThat(failed.state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.message()).isEqualTo("internal error: process exited while connecting to monitor");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(asAdmin(() -> tasks.steps(failed.id()))).extracting(TaskStepView::state).containsExactly("FAILED");
    }

    @Test
    void an_explained_failure_says_what_to_do() {
        TaskSummary failed = asAdmin(() -> tasks.await(tasks.submit(request("vm.create", null), context -> {
            throw new DiskFull();
        }).id(), WAIT));

        assertThat(failed.state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.message()).isEqualTo("No space left on pool 'default'. What to do: "
                + "Free space on the host or choose a smaller disk.");
    }

    @Test
    void the_work_runs_as_the_submitter_on_a_platform_thread() {
        Tenant tenant = fixtures.tenant("tactor");
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<Boolean> virtual = new AtomicReference<>();
        TaskSummary done = asUser(tenant.owner().username(), () -> tasks.await(tasks.submit(
                request("vm.stop", tenant.id()), context -> {
                    seen.set(SecurityContextHolder.getContext().getAuthentication().getName());
                    virtual.set(Thread.currentThread().isVirtual());
                }).id(), WAIT));

        assertThat(done.actor()).isEqualTo(tenant.owner().username());
        assertThat(seen).hasValue(tenant.owner().username());
        assertThat(virtual).hasValue(false);
    }

    @Test
    void submitting_needs_someone_signed_in() {
        assertThatThrownBy(() -> tasks.submit(request("vm.start", null), context -> { }))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void only_admins_the_submitter_and_the_projects_people_see_a_task() {
        Tenant a = fixtures.tenant("tautha");
        Tenant b = fixtures.tenant("tauthb");
        TaskRequest inA = request("vm.create", a.id());
        TaskSummary task = asUser(a.member().username(),
                () -> tasks.await(tasks.submit(inA, context -> { }).id(), WAIT));

        for (String insider : List.of(a.owner().username(), a.member().username(), a.viewer().username())) {
            asUser(insider, () -> {
                assertThat(tasks.get(task.id()).id()).isEqualTo(task.id());
                assertThat(tasks.recent(50)).extracting(TaskSummary::id).contains(task.id());
                assertThat(tasks.forTarget("vm", inA.targetId())).extracting(TaskSummary::id)
                        .containsExactly(task.id());
            });
        }
        asAdmin(() -> {
            assertThat(tasks.get(task.id()).id()).isEqualTo(task.id());
            assertThat(tasks.forTarget("vm", inA.targetId())).hasSize(1);
            assertThat(tasks.recent(500)).extracting(TaskSummary::id).contains(task.id());
        });
        asUser(b.owner().username(), () -> {
            assertThatThrownBy(() -> tasks.get(task.id())).isInstanceOf(TaskNotFoundException.class);
            assertThatThrownBy(() -> tasks.steps(task.id())).isInstanceOf(TaskNotFoundException.class);
            assertThatThrownBy(() -> tasks.await(task.id(), WAIT)).isInstanceOf(TaskNotFoundException.class);
            assertThat(tasks.recent(500)).extracting(TaskSummary::id).doesNotContain(task.id());
            assertThat(tasks.forTarget("vm", inA.targetId())).isEmpty();
        });
    }

    @Test
    void a_task_without_project_is_seen_by_its_submitter_and_admins_only() {
        Tenant a = fixtures.tenant("tnoproj");
        TaskSummary task = asUser(a.viewer().username(),
                () -> tasks.await(tasks.submit(request("image.import", null), context -> { }).id(), WAIT));

        asUser(a.viewer().username(), () -> assertThat(tasks.recent(50)).extracting(TaskSummary::id)
                .contains(task.id()));
        asUser(a.owner().username(), () -> assertThatThrownBy(() -> tasks.get(task.id()))
                .isInstanceOf(TaskNotFoundException.class));
    }

    @Test
    void await_gives_up_after_the_timeout_and_the_task_goes_on() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        TaskSummary queued = asAdmin(() -> tasks.submit(request("vm.create", null),
                context -> release.await(20, TimeUnit.SECONDS)));
        try {
            asAdmin(() -> assertThatThrownBy(() -> tasks.await(queued.id(), Duration.ofMillis(200)))
                    .isInstanceOf(TaskTimeoutException.class));
        } finally {
            release.countDown();
        }
        assertThat(asAdmin(() -> tasks.await(queued.id(), WAIT)).state()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void inside_a_transaction_the_work_starts_only_after_commit_and_never_after_rollback() {
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        UUID[] ids = new UUID[2];
        asAdmin(() -> {
            transactions.executeWithoutResult(tx -> {
                ids[0] = tasks.submit(request("vm.create", null), context -> ran.set(true)).id();
                tx.setRollbackOnly();
            });
            transactions.executeWithoutResult(tx ->
                    ids[1] = tasks.submit(request("vm.create", null), context -> { }).id());
        });

        TaskSummary rolledBack = asAdmin(() -> tasks.await(ids[0], WAIT));
        assertThat(rolledBack.state()).isEqualTo(TaskState.FAILED);
        assertThat(rolledBack.message()).isEqualTo(TaskService.ABANDONED);
        assertThat(ran).hasValue(false);
        assertThat(asAdmin(() -> tasks.await(ids[1], WAIT)).state()).isEqualTo(TaskState.SUCCEEDED);
    }
}
