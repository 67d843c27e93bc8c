package io.gureum.console.api;

import io.gureum.console.workload.WorkloadActions;
import io.gureum.console.workload.WorkloadFilter;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadOperation;
import io.gureum.console.workload.WorkloadStatus;
import io.gureum.console.workload.WorkloadSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * The endpoints every kind of workload has, written once: a list narrowed and paged by the database, a read with its
 * ETag, a create (idempotent with an {@code Idempotency-Key}), start, stop and delete; every long operation answers
 * 202 with its task and {@code Location}. A kind's controller names its path, hands over its facade and adds the
 * endpoints only it has. The calls go to the kind's facade as {@link WorkloadActions}, which authorizes each.
 *
 * @param <R> the kind's API record
 * @param <N> the kind's create request
 * @param <W> the kind's summary, as its facade answers
 * @param <S> the kind's state enum
 */
abstract class WorkloadEndpoints<R extends ApiWorkload, N, W extends WorkloadSummary,
        S extends Enum<S> & WorkloadStatus> {

    private final WorkloadKind kind;
    private final Class<S> states;
    private final WorkloadActions<W, S> facade;
    private final Function<W, R> resource;
    private final Function<N, ? extends WorkloadOperation<W>> creation;
    private final IdempotencyKeys idempotency;
    private final JavaType acceptedType;

    /**
     * @param resource how the API shows one of the kind's summaries
     * @param creation the facade's create of a request
     */
    WorkloadEndpoints(WorkloadKind kind, Class<R> resourceType, Class<S> states, WorkloadActions<W, S> facade,
                      Function<W, R> resource, Function<N, ? extends WorkloadOperation<W>> creation,
                      IdempotencyKeys idempotency) {
        this.kind = kind;
        this.states = states;
        this.facade = facade;
        this.resource = resource;
        this.creation = creation;
        this.idempotency = idempotency;
        this.acceptedType = TypeFactory.createDefaultInstance().constructParametricType(Accepted.class, resourceType);
    }

    /** The workloads of this kind the caller may see, newest first, one page at a time; {@code name}: a part of it. */
    @GetMapping
    @Operation(summary = "List the {kinds} you may see, newest first, a page at a time",
            description = "Narrowed by project, state (the kind's state name) and a part of the name; the database "
                    + "pages, so a limit of 1 to 500 {kinds} is read at a time.")
    Page<R> list(@RequestParam(required = false) Long projectId,
                 @RequestParam(required = false) String state,
                 @RequestParam(required = false) String name,
                 @RequestParam(defaultValue = "50") int limit,
                 @RequestParam(defaultValue = "0") int offset) {
        Paging.check(limit, offset);
        WorkloadFilter<S> filter = new WorkloadFilter<>(projectId, state(state), null, name);
        return new Page<>(facade.page(filter, offset, limit).stream().map(resource).toList(), offset, limit,
                facade.count(filter));
    }

    /** The workload with its {@code ETag}; 304 when {@code If-None-Match} names the current one. */
    @GetMapping("/{id}")
    @Operation(summary = "Read a {kind} with its ETag",
            description = "304 when If-None-Match names the current ETag; another project's {kind} is 404 like a "
                    + "missing one.")
    ResponseEntity<R> get(@PathVariable UUID id, WebRequest request) {
        R workload = resource.apply(facade.get(id));
        String tag = ETags.of(workload);
        if (request.checkNotModified(tag)) {
            return null; // 304, written by checkNotModified
        }
        return ResponseEntity.ok().eTag(tag).body(workload);
    }

    /**
     * Creates one: 202 with the create task. With an {@code Idempotency-Key}, a retry of the same request gets the
     * first answer again and makes nothing; the same key with another body is refused with 422.
     */
    @PostMapping
    @Operation(summary = "Create a {kind}: 202 with its create task",
            description = "The quota is checked and the {kind} recorded at once (PROVISIONING); the task places and "
                    + "starts it. With an Idempotency-Key a retried request gets the first answer and makes nothing; "
                    + "the same key with another body is 422.")
    ResponseEntity<Accepted<R>> create(@RequestBody N request,
                                       @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
        return idempotency.answer(key, "POST /api/v1/" + kind.route(), request, acceptedType,
                () -> accepted(creation.apply(request)));
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Start a {kind}: 202 with the task")
    ResponseEntity<Accepted<R>> start(@PathVariable UUID id) {
        return accepted(facade.start(id));
    }

    /** Stops it the kind's gentle way (a VM: shutdown of the guest, forced off after a timeout). */
    @PostMapping("/{id}/stop")
    @Operation(summary = "Stop a {kind} gently: 202 with the task",
            description = "A VM's guest is asked to shut down and forced off after a timeout; a container is "
                    + "stopped by its engine.")
    ResponseEntity<Accepted<R>> stop(@PathVariable UUID id) {
        return accepted(facade.stop(id));
    }

    /** Deletes it in a task; with {@code If-Match}, only the version the caller read (else 412). */
    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a {kind} and free its quota: 202 with the task",
            description = "With If-Match, only the version read (else 412), compared in the transaction that marks "
                    + "it DELETING. Refused (409) while it is being created or deleted.")
    ResponseEntity<Accepted<R>> delete(@PathVariable UUID id,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return accepted(facade.delete(id, ETags.expected(ifMatch)));
    }

    /**
     * The document's words for this kind: the shared operations' summaries say {@code {kind}} and {@code {kinds}}
     * ("Read a {kind}" is "Read a VM" under /vms and "Read a container" under /containers).
     */
    String named(String text) {
        return text == null ? null
                : text.replace("{kinds}", kind.noun() + "s").replace("{kind}", kind.noun());
    }

    /** 202 with the operation's task, which {@code Location} names, and the workload as it is now. */
    ResponseEntity<Accepted<R>> accepted(WorkloadOperation<W> operation) {
        Accepted<R> accepted = Accepted.of(operation.taskId(), resource.apply(operation.workload()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(accepted.task()).body(accepted);
    }

    /** The kind's state constant named {@code value}, null for none; another name is a validation problem. */
    private S state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(states, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameters(List.of(Map.of("field", "state", "message",
                    "Expected one of " + List.of(states.getEnumConstants()) + ".")));
        }
    }
}
