package io.workspaces.query.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.security.BearerCallers;
import io.workspaces.common.security.ShortcutAnswers;
import io.workspaces.query.consistency.ReadYourWrites;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The role lookup answered ahead of the security filter chain and Spring MVC when the request is an ordinary one
 * ({@link RoleLookupShortcut}); {@code workspaces.role-lookup.shortcut=false} sends every lookup the long way.
 */
@Configuration(proxyBeanMethods = false)
class RoleLookupShortcutConfiguration {

    @Bean
    @ConditionalOnProperty(name = "workspaces.role-lookup.shortcut", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<RoleLookupShortcut> roleLookupShortcut(MembershipQueryController controller,
                                                                  ReadYourWrites readYourWrites, BearerCallers callers,
                                                                  ShortcutAnswers answers, ObjectMapper json) {
        FilterRegistrationBean<RoleLookupShortcut> registration = new FilterRegistrationBean<>(
                new RoleLookupShortcut(controller, readYourWrites, callers, answers, json));
        registration.addUrlPatterns(RoleLookupShortcut.URL_PATTERN);
        registration.setOrder(ShortcutAnswers.FILTER_ORDER);
        return registration;
    }
}
