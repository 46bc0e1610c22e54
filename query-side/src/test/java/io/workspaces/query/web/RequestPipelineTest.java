package io.workspaces.query.web;

import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request passes through holds none of the per-request work this API does not use
 * (docs/performance-log.md, "Less framework per request"): Spring Security's chain is not wrapped in Spring MVC's
 * handler cache, and Spring MVC has no Bean Validation validator, so it does not look for validation groups on every
 * call. The answers themselves are covered by every HTTP test.
 */
class RequestPipelineTest extends QueryTestBase {

    @Autowired
    private ApplicationContext context;

    @Test
    void theSecurityFilterChainIsNotWrappedInTheHandlerCache() {
        // Spring Security's MVC configuration wraps the chain in a composite of its own with the cache filter;
        // the composite left is the one that parses the request path for the path-pattern matchers
        Object chain = context.getBean("springSecurityFilterChain");
        assertThat(chain).isInstanceOf(FilterChainProxy.class);
        assertThat(chain.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");
        // and it is still the whole chain: a token is needed, a malformed one is refused, a valid one passes
        assertThat(query().anonymous().get("/v1/principals/alice/workspaces").send().status()).isEqualTo(401);
        assertThat(query().bearer("not a token").get("/v1/principals/alice/workspaces").send().status()).isEqualTo(401);
        assertThat(query().get("/v1/principals/alice/workspaces").send().status()).isEqualTo(200);
    }

    @Test
    void springMvcValidatesNoHandlerArguments() {
        RequestMappingHandlerAdapter adapter = context.getBean(RequestMappingHandlerAdapter.class);
        Object validator = ((ConfigurableWebBindingInitializer) adapter.getWebBindingInitializer()).getValidator();
        assertThat(validator).isNotInstanceOf(jakarta.validation.Validator.class);
    }
}
