package io.gureum.console.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;

/**
 * What the OpenAPI document says beyond the controllers: its title, the bearer token every operation needs, and a
 * server that is this console whatever address it is reached at (so the served document never depends on the
 * request, and the committed copy in docs/api/openapi.json can be compared with it).
 */
@Configuration
class OpenApiConfiguration {

    static final String TOKEN_SCHEME = "token";
    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI gureumApi() {
        return new OpenAPI()
                .info(new Info().title("Gureum API").version("v1")
                        .description("The private-cloud console's HTTP API: the same facades and authorization as the "
                                + "web console. Send a personal API token as Authorization: Bearer <token>. Errors "
                                + "are RFC 9457 problem details with a stable type. See docs/api.md."))
                .servers(List.of(new Server().url("/").description("this console")))
                .components(new Components().addSecuritySchemes(TOKEN_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("gur_...")
                                .description("A personal API token"))
                        .addSchemas(PROBLEM, problemSchema())
                        .addResponses(PROBLEM, new ApiResponse().description("A problem (RFC 9457); its type says "
                                + "which kind (see docs/api.md)").content(new Content().addMediaType(
                                MediaType.APPLICATION_PROBLEM_JSON_VALUE, new io.swagger.v3.oas.models.media.MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))))
                .addSecurityItem(new SecurityRequirement().addList(TOKEN_SCHEME));
    }

    /** RFC 9457's members as the API fills them, with {@code errors} for validation problems. */
    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema()
                .description("the request field (a body property or a query parameter)"))
                .addProperty("message", new StringSchema().description("what is wrong with it, in the console's words"));
        return new ObjectSchema()
                .addProperty("type", new StringSchema().format("uri")
                        .description("stable kind of problem, e.g. urn:gureum:problem:validation"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("what happened, in the console's words"))
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("for validation problems: one entry per refused field"));
    }

    /**
     * An operation without its own id gets one from its method and controller ({@code list} in {@code VmController}
     * is {@code listVm}) instead of springdoc's {@code list_1}, which depends on the order controllers are scanned in
     * and would make the document differ from run to run. The operations every workload kind shares are named for
     * the kind they are served under.
     */
    @Bean
    OperationCustomizer stableOperationIds(ApplicationContext context) {
        return (operation, handler) -> {
            if (WorkloadEndpoints.class.isAssignableFrom(handler.getBeanType())) {
                WorkloadEndpoints<?, ?, ?, ?> kind = (WorkloadEndpoints<?, ?, ?, ?>) context.getBean(
                        handler.getBeanType());
                operation.setSummary(kind.named(operation.getSummary()));
                operation.setDescription(kind.named(operation.getDescription()));
            }
            io.swagger.v3.oas.annotations.Operation annotated =
                    handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
            if (annotated == null || annotated.operationId().isEmpty()) {
                String controller = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
                operation.setOperationId(handler.getMethod().getName() + StringUtils.capitalize(controller));
            }
            // Every refusal is a problem document; which statuses an operation can answer is in its description.
            operation.getResponses().addApiResponse("default",
                    new ApiResponse().$ref("#/components/responses/" + PROBLEM));
            return operation;
        };
    }
}
