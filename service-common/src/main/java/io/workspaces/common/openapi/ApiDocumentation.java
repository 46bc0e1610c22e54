package io.workspaces.common.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.workspaces.common.web.Headers;
import io.workspaces.common.web.RequestContext;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3 description of each side ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): bearer
 * JWT security, the problem+json schema, and for every operation its success status, its own problem statuses
 * ({@link Answers}), the statuses every operation shares, paging parameters ({@link Paged}) and consistency
 * tokens ({@link ReadsYourWrites}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    public static final String BEARER = "bearer-jwt";
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Map<Integer, String> PROBLEMS = new LinkedHashMap<>();

    static {
        // the caller and the request ids come from the security context and filters, not from parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(RequestContext.class);
        PROBLEMS.put(400, "malformed JSON or a request Tomcat refused (an encoded '/' or NUL in the path)");
        PROBLEMS.put(401, "no valid bearer token (WWW-Authenticate: Bearer ...)");
        PROBLEMS.put(403, "the caller can see this but may not do it");
        PROBLEMS.put(404, "not found, or not readable by the caller (existence is not leaked)");
        PROBLEMS.put(409, "a rule refuses it (name taken, last admin, not empty, built in...), or a concurrent change");
        PROBLEMS.put(412, "If-Match does not match the current version (current_version in the problem)");
        PROBLEMS.put(413, "the body is over 64 KiB (1 MiB for access checks)");
        PROBLEMS.put(415, "the body is not application/json");
        PROBLEMS.put(422, "invalid input: every field in error is listed in errors[]");
        PROBLEMS.put(500, "an unexpected failure (quote request_id)");
        PROBLEMS.put(503, "the database (or the read models, for a consistency token) is not there in time; retry "
                + "after Retry-After");
    }

    @Bean
    OpenAPI workspacesOpenApi(@Value("${spring.application.name:workspaces}") String application) {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the JSON field, parameter or header"))
                .addProperty("message", new StringSchema());
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:problem-type:workspaces:invalid-request"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("name must not be empty"))
                .addProperty("instance", new StringSchema().example("/v1/workspaces"))
                .addProperty("request_id", new StringSchema().description("also in the " + Headers.REQUEST_ID + " header"))
                .addProperty("errors", new ArraySchema().items(fieldError).description("for 422: every field in error"));
        problem.setRequired(List.of("type", "title", "status", "detail"));
        return new OpenAPI()
                .info(new Info().title("Workspaces service: " + application).version("v1")
                        .description("Who may see and change what on a multi-tenant platform. The command side "
                                + "takes writes, the query side serves reads; see docs/api.md for the tour."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("sub = the principal; platform roles (platform-admin, "
                                        + "workspace-creator, auditor, access-checker) in the roles claim"))
                        .addSchemas(PROBLEM, problem))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OperationCustomizer workspacesOperations() {
        return (operation, handler) -> {
            Answers answers = handler.getMethodAnnotation(Answers.class);
            ApiResponses responses = new ApiResponses();
            int success = answers == null ? 200 : answers.value();
            ApiResponse ok = successResponse(operation, success,
                    answers != null && !answers.success().isEmpty() ? answers.success() : reason(success));
            responses.addApiResponse(Integer.toString(success), ok);
            if (answers != null) {
                for (int other : answers.alsoSucceeds()) {
                    responses.addApiResponse(Integer.toString(other), successResponse(operation, other, reason(other)));
                }
            }
            for (int status : problemStatuses(handler, answers)) {
                responses.addApiResponse(Integer.toString(status), problemResponse(status));
            }
            operation.setResponses(responses);
            Paged paged = handler.getMethodAnnotation(Paged.class);
            if (paged != null) {
                addPaging(operation, paged);
            }
            if (handler.hasMethodAnnotation(ReadsYourWrites.class)
                    || handler.getBeanType().isAnnotationPresent(ReadsYourWrites.class)) {
                addConsistencyToken(operation);
            }
            return operation;
        };
    }

    /** The statuses this operation answers with a problem: its own, and those shared by every operation. */
    public static List<Integer> problemStatuses(HandlerMethod handler, Answers answers) {
        java.util.TreeSet<Integer> statuses = new java.util.TreeSet<>(List.of(401, 500, 503));
        if (answers != null) {
            Arrays.stream(answers.problems()).forEach(statuses::add);
        }
        boolean takesBody = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        if (takesBody) {
            statuses.addAll(List.of(400, 413, 415, 422));
        }
        return List.copyOf(statuses);
    }

    private static ApiResponse successResponse(Operation operation, int status, String description) {
        ApiResponse existing = operation.getResponses() == null ? null : operation.getResponses().values().stream()
                .filter(response -> response.getContent() != null).findFirst().orElse(null);
        ApiResponse response = new ApiResponse().description(description);
        if (status != 204 && status != 304 && existing != null) {
            response.setContent(existing.getContent());
        }
        return response;
    }

    private static ApiResponse problemResponse(int status) {
        return new ApiResponse().description(PROBLEMS.getOrDefault(status, reason(status)))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static void addPaging(Operation operation, Paged paged) {
        operation.addParametersItem(new Parameter().in("query").name("page").description("from 1")
                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)._default(1)));
        operation.addParametersItem(new Parameter().in("query").name("page_size").description("1-1000")
                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(1000))
                        ._default(100)));
        StringSchema sort = new StringSchema();
        sort._default(paged.sorts()[0]);
        Arrays.stream(paged.sorts()).forEach(sort::addEnumItem);
        operation.addParametersItem(new Parameter().in("query").name("sort").schema(sort)
                .description("a '-' prefix sorts descending"));
    }

    private static void addConsistencyToken(Operation operation) {
        operation.addParametersItem(new Parameter().in("header").name(Headers.CONSISTENCY_TOKEN)
                .description("a write's consistency token: the read waits (at most 5 s) until the read models have "
                        + "that write; 503 if they do not in time, 422 if no write has that position")
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
        operation.addParametersItem(new Parameter().in("query").name("after")
                .description("the same as " + Headers.CONSISTENCY_TOKEN + ", as a parameter")
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
    }

    private static String reason(int status) {
        HttpStatus resolved = HttpStatus.resolve(status);
        return resolved == null ? Integer.toString(status) : resolved.getReasonPhrase();
    }
}
