package io.workspaces.command.web;

import io.workspaces.common.security.BearerCallers;
import io.workspaces.common.security.ShortcutAnswers;
import io.workspaces.common.security.ShortcutRoute;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.util.List;

/**
 * The writes answered ahead of the filter chain and Spring MVC ({@link CommandShortcut}); each capability declares its
 * own {@link ShortcutRoute}s. {@code workspaces.command.shortcut=false} sends every request the long way.
 */
@Configuration(proxyBeanMethods = false)
class CommandShortcutConfiguration {

    @Bean
    @ConditionalOnProperty(name = "workspaces.command.shortcut", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<CommandShortcut> commandShortcut(List<ShortcutRoute<?>> routes, BearerCallers callers,
                                                            ShortcutAnswers answers, CommandMetrics metrics,
                                                            @Qualifier("handlerExceptionResolver")
                                                            HandlerExceptionResolver failures) {
        FilterRegistrationBean<CommandShortcut> registration = new FilterRegistrationBean<>(
                new CommandShortcut(routes, callers, answers, metrics, failures));
        registration.addUrlPatterns("/v1/workspaces", "/v1/workspaces/*");
        registration.setOrder(ShortcutAnswers.FILTER_ORDER);
        return registration;
    }
}
