package io.workspaces.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.openapi.ApiDocumentation;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks an application's OpenAPI document against the routes it really serves: every {@code /v1} route is
 * documented, with its success status and every problem status it can answer, each problem with the
 * problem+json schema, and the bearer security scheme. Returns how many operations were checked.
 */
public final class ApiDocumentationCheck {

    private ApiDocumentationCheck() {
    }

    public static int check(JsonNode document, RequestMappingHandlerMapping routes) {
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("components").path("securitySchemes").path(ApiDocumentation.BEARER)
                .path("scheme").asText()).isEqualTo("bearer");
        assertThat(document.path("components").path("schemas").has("Problem")).isTrue();
        List<String> checked = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : routes.getHandlerMethods().entrySet()) {
            for (String path : route.getKey().getPatternValues()) {
                if (!path.startsWith("/v1/")) {
                    continue;
                }
                for (RequestMethod method : route.getKey().getMethodsCondition().getMethods()) {
                    JsonNode operation = document.path("paths").path(path).path(method.name().toLowerCase(Locale.ROOT));
                    String name = method + " " + path;
                    assertThat(operation.isMissingNode()).as("%s is documented", name).isFalse();
                    Answers answers = route.getValue().getMethodAnnotation(Answers.class);
                    assertThat(answers).as("%s declares its statuses with @Answers", name).isNotNull();
                    JsonNode responses = operation.path("responses");
                    assertThat(responses.has(Integer.toString(answers.value()))).as("%s answers %d", name,
                            answers.value()).isTrue();
                    for (int status : ApiDocumentation.problemStatuses(route.getValue(), answers)) {
                        JsonNode problem = responses.path(Integer.toString(status));
                        assertThat(problem.isMissingNode()).as("%s documents %d", name, status).isFalse();
                        assertThat(problem.path("content").path("application/problem+json").path("schema")
                                .path("$ref").asText()).as("%s %d is problem+json", name, status)
                                .isEqualTo("#/components/schemas/Problem");
                    }
                    checked.add(name);
                }
            }
        }
        assertThat(checked).isNotEmpty();
        return checked.size();
    }
}
