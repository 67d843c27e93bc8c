package io.gureum.console.api;

import io.gureum.console.container.ContainerNotFoundException;
import io.gureum.console.host.HostNotFoundException;
import io.gureum.console.identity.UserAccountNotFoundException;
import io.gureum.console.project.ProjectNotFoundException;
import io.gureum.console.quota.QuotaExceededException;
import io.gureum.console.system.InvalidInput;
import io.gureum.console.task.TaskNotFoundException;
import io.gureum.console.vm.VmNotFoundException;
import io.gureum.console.workload.WorkloadChangedException;
import io.gureum.container.EngineException;
import io.gureum.container.WrongStateException;
import io.gureum.hypervisor.HypervisorException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns the facades' refusals into RFC 9457 problem details with a stable {@code type} per kind and the
 * facades' own words (the same the UI shows) as {@code detail}.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems {

    @ExceptionHandler({VmNotFoundException.class, ContainerNotFoundException.class, TaskNotFoundException.class,
            ProjectNotFoundException.class, ApiTokenNotFoundException.class, HostNotFoundException.class,
            UserAccountNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", e.getMessage());
    }

    /** A refusal the facade made about one field is a validation error; one about the object's state is not. */
    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalid(InvalidInput e) {
        if (e.field() == null) {
            return problem(HttpStatus.CONFLICT, ProblemTypes.WRONG_STATE, "Not possible now", e.getMessage());
        }
        return validation(List.of(Map.of("field", e.field(), "message", e.getMessage())));
    }

    /**
     * The facades' refusals that name no field and are no {@link InvalidInput} (an archived project, the last owner,
     * a member who is none): the request is fine, the object's state does not allow it.
     */
    @ExceptionHandler({IllegalStateException.class, IllegalArgumentException.class})
    ProblemDetail notPossible(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.WRONG_STATE, "Not possible now", e.getMessage());
    }

    /**
     * A body that is no JSON or has a value of the wrong type names the field from Jackson's path; a value a record
     * refused while being built (a negative quota) is that record's own {@link InvalidInput}. Jackson's message is
     * not echoed: it quotes the input.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.TooLarge tooLarge) {
                ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.TOO_LARGE,
                        "Request too large", RequestBodyLimit.detail(tooLarge.maxBytes));
                problem.setProperty("maxBytes", tooLarge.maxBytes);
                return problem;
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInput refused && refused.field() != null) {
                return invalid(refused);
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                String field = json.getPath().stream()
                        .map(step -> step.getPropertyName() != null ? step.getPropertyName()
                                : String.valueOf(step.getIndex()))
                        .collect(Collectors.joining("."));
                return validation(List.of(Map.of("field", field, "message",
                        cause instanceof UnrecognizedPropertyException ? "There is no such field."
                                : "A value of another type is expected here.")));
            }
        }
        return validation(List.of(Map.of("field", "body", "message", "The body must be a JSON object.")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another value"
                : e.getRequiredType().isEnum() ? "one of " + List.of(e.getRequiredType().getEnumConstants())
                : "a " + e.getRequiredType().getSimpleName();
        return validation(List.of(Map.of("field", e.getName(), "message", "Expected " + expected + ".")));
    }

    @ExceptionHandler(InvalidParameters.class)
    ProblemDetail parameters(InvalidParameters e) {
        return validation(e.errors());
    }

    /** With the numbers where the facade knows them: each exceeded limit, the usage, the demand and the limits. */
    @ExceptionHandler(QuotaExceededException.class)
    ProblemDetail quota(QuotaExceededException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.QUOTA_EXCEEDED, "Quota exceeded",
                e.getMessage());
        problem.setProperty("exceeded", e.exceeded());
        if (e.limits() != null) {
            problem.setProperty("used", e.used());
            problem.setProperty("demand", e.demand());
            problem.setProperty("limits", e.limits());
        }
        return problem;
    }

    @ExceptionHandler(WrongState.class)
    ProblemDetail wrongState(WrongState e) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.WRONG_STATE, "Not possible now", e.getMessage());
    }

    /** An {@code If-Match} the facade found stale in the transaction that would have written. */
    @ExceptionHandler(WorkloadChangedException.class)
    ProblemDetail preconditionFailed(WorkloadChangedException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, ProblemTypes.PRECONDITION_FAILED, "Changed meanwhile",
                e.getMessage() + " Its ETag is now " + ETags.of(e.currentVersion())
                        + ": read it again, then retry with that tag in If-Match.");
    }

    @ExceptionHandler(IdempotencyKeys.KeyReused.class)
    ProblemDetail keyReused(IdempotencyKeys.KeyReused e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key used for another request", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeys.KeyInUse.class)
    ProblemDetail keyInUse(IdempotencyKeys.KeyInUse e) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Request in progress", e.getMessage());
    }

    /** An action the container's state does not allow; any other engine failure means it is not reachable now. */
    @ExceptionHandler(EngineException.class)
    ProblemDetail engine(EngineException e) {
        if (e instanceof WrongStateException) {
            return problem(HttpStatus.CONFLICT, ProblemTypes.WRONG_STATE, "Not possible now", e.getMessage());
        }
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Engine unavailable",
                e.getMessage());
    }

    @ExceptionHandler(HypervisorException.class)
    ProblemDetail unavailable(HypervisorException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Host unavailable",
                e.getMessage());
    }

    /** Signed in but without the role (a viewer starting a VM); outsiders of a project get 404 before this. */
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Not allowed", e.getMessage());
    }

    static ProblemDetail validation(List<Map<String, String>> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                "The request has invalid fields: see errors.");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}
