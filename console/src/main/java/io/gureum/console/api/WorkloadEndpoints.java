package io.gureum.console.api;

import io.gureum.console.workload.WorkloadKind;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * endpoints only it has.
 *
 * @param <R> the kind's API record
 * @param <N> the kind's create request
 */
abstract class WorkloadEndpoints<R extends ApiWorkload, N> {

    private final WorkloadKind kind;
    private final WorkloadFacade<R, N> facade;
    private final IdempotencyKeys idempotency;
    private final JavaType acceptedType;

    WorkloadEndpoints(WorkloadKind kind, Class<R> resourceType, WorkloadFacade<R, N> facade,
                      IdempotencyKeys idempotency) {
        this.kind = kind;
        this.facade = facade;
        this.idempotency = idempotency;
        this.acceptedType = TypeFactory.createDefaultInstance().constructParametricType(Accepted.class, resourceType);
    }

    /** The workloads of this kind the caller may see, newest first, one page at a time. */
    @GetMapping
    Page<R> list(@RequestParam(required = false) Long projectId,
                 @RequestParam(required = false) String state,
                 @RequestParam(required = false) String name,
                 @RequestParam(defaultValue = "50") int limit,
                 @RequestParam(defaultValue = "0") int offset) {
        Page.requireValid(limit, offset);
        WorkloadFacade.Filter filter = new WorkloadFacade.Filter(projectId, state, name);
        return new Page<>(facade.page(filter, offset, limit), offset, limit, facade.count(filter));
    }

    /** The workload with its {@code ETag}; 304 when {@code If-None-Match} names the current one. */
    @GetMapping("/{id}")
    ResponseEntity<R> get(@PathVariable UUID id, WebRequest request) {
        R workload = facade.get(id);
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
    ResponseEntity<Accepted<R>> create(@RequestBody N request,
                                       @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
        return idempotency.answer(key, "POST /api/v1/" + kind.route(), request, acceptedType,
                () -> accepted(facade.create(request)));
    }

    @PostMapping("/{id}/start")
    ResponseEntity<Accepted<R>> start(@PathVariable UUID id) {
        return accepted(facade.start(id));
    }

    @PostMapping("/{id}/stop")
    ResponseEntity<Accepted<R>> stop(@PathVariable UUID id) {
        return accepted(facade.stop(id));
    }

    /** Deletes it in a task; with {@code If-Match}, only the version the caller read (else 412). */
    @DeleteMapping("/{id}")
    ResponseEntity<Accepted<R>> delete(@PathVariable UUID id,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ETags.requireMatch(ifMatch, facade.get(id));
        return accepted(facade.delete(id));
    }

    /** 202 with the task, which {@code Location} names. */
    static <R> ResponseEntity<Accepted<R>> accepted(Accepted<R> accepted) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(accepted.task()).body(accepted);
    }

    /** The kind's state constant named {@code value}, null for none; another name is a validation problem. */
    static <S extends Enum<S>> S state(Class<S> states, String value) {
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
