package io.gureum.console.task;

import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.system.ConsoleInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tasks feature's facade. Features submit their asynchronous work here after authorizing the caller;
 * the task is persisted QUEUED at once, runs on a bounded pool of platform threads as the submitter, and
 * every step, progress and outcome is written as it happens. Reading tasks is limited to administrators,
 * the submitter, and viewers of the task's project.
 */
@Service
public class TaskService {

    static final String INTERRUPTED = "Interrupted by a console restart; what it had made was cleaned up.";
    static final String ABANDONED = "The action was rolled back before its task started; nothing was done.";
    static final String SHUTTING_DOWN = "The console was shutting down and did not start the task. "
            + "What to do: try again once the console is back.";
    private static final Logger log = LoggerFactory.getLogger(TaskService.class);
    private static final int MAX_LIMIT = 500;

    private final TaskRecordRepository records;
    private final TaskStepRepository steps;
    private final ProjectAccess access;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate writes;
    private final TaskRunner runner;
    private final Clock clock;
    private final ConsoleInstance instance;
    /** Tasks submitted by this console process that have not finished yet, with their outcome to come. */
    private final Map<UUID, CompletableFuture<TaskSummary>> live = new ConcurrentHashMap<>();

    TaskService(TaskRecordRepository records, TaskStepRepository steps, ProjectAccess access,
                ApplicationEventPublisher events, PlatformTransactionManager transactionManager, TaskRunner runner,
                Clock clock, ConsoleInstance instance) {
        this.records = records;
        this.steps = steps;
        this.access = access;
        this.events = events;
        this.writes = new TransactionTemplate(transactionManager);
        this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.runner = runner;
        this.clock = clock;
        this.instance = instance;
    }

    /**
     * Persists the task QUEUED (committed on its own) and starts the work in the background as the caller.
     * The caller must have authorized the action already; this only requires someone signed in. When called
     * inside a transaction, the work starts after that transaction commits (and never, if it rolls back).
     */
    public TaskSummary submit(TaskRequest request, TaskWork work) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(work, "work");
        requireText(request.action(), "action");
        requireText(request.targetType(), "targetType");
        requireText(request.targetId(), "targetId");
        Authentication submitter = authenticated();
        UUID id = UUID.randomUUID();
        CompletableFuture<TaskSummary> outcome = new CompletableFuture<>();
        live.put(id, outcome);
        TaskSummary queued;
        try {
            queued = write(() -> records.save(new TaskRecord(id, request, submitter.getName(), instance.id(), now())).summary());
        } catch (RuntimeException e) {
            live.remove(id);
            throw e;
        }
        events.publishEvent(new TaskEvents.TaskChanged(id));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        dispatch(id, work, submitter, outcome);
                    } else {
                        finish(id, ABANDONED, outcome);
                    }
                }
            });
        } else {
            dispatch(id, work, submitter, outcome);
        }
        return queued;
    }

    /** The task, if the caller may see it; otherwise {@link TaskNotFoundException}. */
    public TaskSummary get(UUID id) {
        return visible(id).summary();
    }

    /** The task's steps in order, if the caller may see the task; otherwise {@link TaskNotFoundException}. */
    public List<TaskStepView> steps(UUID id) {
        visible(id);
        return steps.findByTaskIdOrderByPositionAsc(id).stream().map(TaskStep::view).toList();
    }

    /** The newest tasks first: all for administrators, else the caller's own and those of their projects. */
    public List<TaskSummary> recent(int limit) {
        PageRequest page = PageRequest.of(0, Math.max(1, Math.min(MAX_LIMIT, limit)));
        if (access.isAdmin()) {
            return records.recent(page).stream().map(TaskRecord::summary).toList();
        }
        Set<Long> projects = new HashSet<>(access.projectsWhereCallerHolds(ProjectRole.VIEWER));
        projects.add(-1L); // an empty IN list is not valid everywhere
        // An API token limited to projects does not see its user's own tasks in other projects.
        return records.recentVisibleTo(callerName(), projects, page).stream()
                .filter(task -> access.reaches(task.projectId())).map(TaskRecord::summary).toList();
    }

    /**
     * One page of {@link #recent}'s list: the tasks the caller may see, newest first, from {@code offset}, at most
     * {@code limit} (1 to 500); the database pages.
     */
    public List<TaskSummary> page(int offset, int limit) {
        int size = Math.max(1, Math.min(MAX_LIMIT, limit));
        int start = Math.max(0, offset);
        boolean aligned = start % size == 0;
        // An offset that is no multiple of the page size: read the pages that cover the range.
        PageRequest page = aligned ? PageRequest.of(start / size, size) : PageRequest.of(0, start + size);
        List<TaskRecord> found;
        if (access.isAdmin()) {
            found = records.recent(page);
        } else {
            found = records.recentVisibleTo(callerName(), visibleProjects(), page);
        }
        return found.stream().skip(aligned ? 0 : start).limit(size).map(TaskRecord::summary).toList();
    }

    /** How many tasks {@link #page} can return. */
    public int count() {
        long all = access.isAdmin() ? records.count() : records.countVisibleTo(callerName(), visibleProjects());
        return (int) Math.min(Integer.MAX_VALUE, all);
    }

    private Set<Long> visibleProjects() {
        Set<Long> projects = new HashSet<>(access.projectsWhereCallerHolds(ProjectRole.VIEWER));
        projects.add(-1L); // an empty IN list is not valid everywhere
        return projects;
    }

    /** The tasks of one resource the caller may see, newest first, e.g. {@code forTarget("vm", id)}. */
    public List<TaskSummary> forTarget(String targetType, String targetId) {
        List<TaskRecord> all = records.forTarget(targetType, targetId);
        if (all.isEmpty() || access.isAdmin()) {
            return all.stream().map(TaskRecord::summary).toList();
        }
        Set<Long> projects = access.projectsWhereCallerHolds(ProjectRole.VIEWER);
        String caller = callerName();
        return all.stream().filter(t -> caller.equals(t.actor()) && access.reaches(t.projectId())
                        || t.projectId() != null && projects.contains(t.projectId()))
                .map(TaskRecord::summary).toList();
    }

    /**
     * Waits until the task has finished and returns it; throws {@link TaskTimeoutException} when it has not
     * finished within the timeout (the task itself goes on).
     */
    public TaskSummary await(UUID id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TaskSummary current = get(id);
        if (current.finished()) {
            return current;
        }
        CompletableFuture<TaskSummary> outcome = live.get(id);
        if (outcome != null) {
            try {
                return outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new TaskTimeoutException(id, timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskTimeoutException(id, timeout);
            } catch (ExecutionException e) {
                log.debug("task {} ended without an outcome; reading it", id, e);
            }
        }
        // Not running here (finished meanwhile, or its outcome went missing): follow the database.
        while (true) {
            current = get(id);
            if (current.finished()) {
                return current;
            }
            if (System.nanoTime() >= deadline) {
                throw new TaskTimeoutException(id, timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskTimeoutException(id, timeout);
            }
        }
    }

    /**
     * Marks every QUEUED or RUNNING task that no live console instance runs (its instance is not in
     * {@code liveInstances}; with {@code unowned}, also those recorded before instance ids) and that this process is
     * not running as FAILED, and tells the features, so that they clean up what it half-made. Called at startup,
     * before web traffic, and whenever another instance stops beating (TaskRecovery).
     */
    List<TaskSummary> failInterrupted(Set<String> liveInstances, boolean unowned) {
        List<UUID> stale = orphans(liveInstances, unowned).stream().map(TaskRecord::id).toList();
        List<TaskSummary> interrupted = stale.stream().map(id -> write(() -> {
            TaskRecord task = require(id);
            if (task.state().finished()) {
                return null;
            }
            endRunningSteps(id, TaskStep.FAILED);
            task.failed(INTERRUPTED, now());
            return task.summary();
        })).filter(Objects::nonNull).toList();
        for (TaskSummary task : interrupted) {
            log.warn("task {} ({} on {} {}) was interrupted by a restart; it ended as failed", task.id(),
                    task.action(), task.targetType(), task.targetId());
            events.publishEvent(new TaskEvents.TaskChanged(task.id()));
            try {
                events.publishEvent(new TaskEvents.TaskInterrupted(task.id(), task.action(), task.targetType(),
                        task.targetId()));
            } catch (RuntimeException e) {
                log.error("cleaning up after interrupted task {} failed", task.id(), e);
            }
        }
        return interrupted;
    }

    /** Whether some task is QUEUED or RUNNING on an instance that is not live (and not recorded before V22). */
    boolean hasOrphans(Set<String> liveInstances) {
        return !orphans(liveInstances, false).isEmpty();
    }

    private List<TaskRecord> orphans(Set<String> liveInstances, boolean unowned) {
        return records.findByStateIn(List.of(TaskState.QUEUED, TaskState.RUNNING)).stream()
                .filter(task -> task.instanceId() == null ? unowned : !liveInstances.contains(task.instanceId()))
                .filter(task -> !live.containsKey(task.id())).toList();
    }

    private void dispatch(UUID id, TaskWork work, Authentication submitter, CompletableFuture<TaskSummary> outcome) {
        try {
            runner.execute(() -> run(id, work, submitter, outcome));
        } catch (RejectedExecutionException shuttingDown) {
            finish(id, SHUTTING_DOWN, outcome);
        }
    }

    private void run(UUID id, TaskWork work, Authentication submitter, CompletableFuture<TaskSummary> outcome) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(submitter);
        SecurityContextHolder.setContext(context);
        try {
            write(() -> {
                require(id).started(now());
                return null;
            });
            events.publishEvent(new TaskEvents.TaskChanged(id));
            String failure = null;
            try {
                work.run(new Running(id));
            } catch (Throwable e) {
                failure = explain(e);
                log.info("task {} failed: {}", id, failure);
                log.debug("task {} failure", id, e);
            }
            finish(id, failure, outcome);
        } catch (RuntimeException e) {
            log.error("task {} could not be recorded", id, e);
            live.remove(id);
            outcome.completeExceptionally(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Ends the task: succeeded when {@code failure} is null, else failed with it as the message. */
    private void finish(UUID id, String failure, CompletableFuture<TaskSummary> outcome) {
        try {
            TaskSummary ended = write(() -> {
                TaskRecord task = require(id);
                endRunningSteps(id, failure == null ? TaskStep.DONE : TaskStep.FAILED);
                if (failure == null) {
                    task.succeeded(now());
                } else {
                    task.failed(failure, now());
                }
                return task.summary();
            });
            try {
                events.publishEvent(new TaskEvents.TaskChanged(id));
                events.publishEvent(new TaskEvents.TaskFinished(id, ended.action(), ended.targetType(),
                        ended.targetId(), ended.projectId(), ended.state(), ended.message()));
            } catch (RuntimeException e) {
                log.error("a listener failed on the end of task {}", id, e);
            }
            live.remove(id);
            outcome.complete(ended);
        } catch (RuntimeException e) {
            live.remove(id);
            outcome.completeExceptionally(e);
            throw e;
        }
    }

    private void endRunningSteps(UUID id, String state) {
        Instant now = now();
        steps.findByTaskIdOrderByPositionAsc(id).stream().filter(TaskStep::running).forEach(s -> s.end(state, now));
    }

    static String explain(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof Explained explained && explained.whatToDo() != null
                    && !explained.whatToDo().isBlank()) {
                return message + " What to do: " + explained.whatToDo().strip();
            }
        }
        return message;
    }

    private TaskRecord visible(UUID id) {
        TaskRecord task = records.findById(id).orElseThrow(() -> new TaskNotFoundException(id));
        // The caller's own tasks too, unless their API token is limited to other projects.
        if (access.isAdmin() || callerName().equals(task.actor()) && access.reaches(task.projectId())
                || task.projectId() != null
                && access.projectsWhereCallerHolds(ProjectRole.VIEWER).contains(task.projectId())) {
            return task;
        }
        throw new TaskNotFoundException(id);
    }

    private TaskRecord require(UUID id) {
        return records.findById(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    private <T> T write(Supplier<T> change) {
        return writes.execute(tx -> change.get());
    }

    /** Database timestamps keep microseconds; so do the values handed out. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Authentication authenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AccessDeniedException("not signed in");
        }
        return authentication;
    }

    private static String callerName() {
        return authenticated().getName();
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A task needs a " + what + ".");
        }
    }

    /** The context handed to running work: each call is written at once, in its own transaction. */
    private final class Running implements TaskContext {

        private final UUID id;
        private int position;

        Running(UUID id) {
            this.id = id;
        }

        @Override
        public UUID taskId() {
            return id;
        }

        @Override
        public synchronized void step(String description) {
            int next = ++position;
            write(() -> {
                endRunningSteps(id, TaskStep.DONE);
                steps.save(new TaskStep(id, next, description, now()));
                return null;
            });
            events.publishEvent(new TaskEvents.TaskChanged(id));
        }

        @Override
        public synchronized void step(String description, int percent) {
            int next = ++position;
            write(() -> {
                endRunningSteps(id, TaskStep.DONE);
                require(id).progress(percent);
                steps.save(new TaskStep(id, next, description, now()));
                return null;
            });
            events.publishEvent(new TaskEvents.TaskChanged(id));
        }

        @Override
        public synchronized void progress(int percent) {
            write(() -> {
                require(id).progress(percent);
                return null;
            });
            events.publishEvent(new TaskEvents.TaskChanged(id));
        }
    }
}
