package io.workspaces.command.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.workspaces.command.workspace.CommandEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts every answer of a command endpoint ({@link CommandEndpoint}) as {@code workspaces_commands_total}, tagged
 * {@code command} and {@code outcome}, by the status the client got: {@code accepted} (2xx), {@code forbidden}
 * (403), {@code conflict} (409, 412), {@code rejected} (any other 4xx: 404, 422, 428...) and {@code failed} (5xx,
 * or a failure no handler answered). The one place commands are counted; the counters are registered at start-up
 * (every command with every outcome, so that rates start at 0), and a request only looks its counter up and
 * increments it.
 */
@Configuration(proxyBeanMethods = false)
class CommandMetrics implements WebMvcConfigurer, SmartInitializingSingleton {

    public static final String NAME = "workspaces.commands";
    static final String[] OUTCOMES = {"accepted", "forbidden", "conflict", "rejected", "failed"};
    private static final int ACCEPTED = 0;
    private static final int FORBIDDEN = 1;
    private static final int CONFLICT = 2;
    private static final int REJECTED = 3;
    private static final int FAILED = 4;

    private final MeterRegistry registry;
    private final ApplicationContext context;
    /** Filled once every bean exists (the handler mapping cannot be a dependency of a WebMvcConfigurer). */
    private volatile Map<Method, Counter[]> counters = Map.of();
    /** The same counters by command, for the writes answered ahead of Spring MVC ({@link CommandShortcut}). */
    private volatile Map<String, Counter[]> byCommand = Map.of();

    CommandMetrics(MeterRegistry registry, ApplicationContext context) {
        this.registry = registry;
        this.context = context;
    }

    @Override
    public void afterSingletonsInstantiated() {
        RequestMappingHandlerMapping handlers =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Map<Method, Counter[]> byMethod = new HashMap<>();
        Map<String, Counter[]> byName = new HashMap<>();
        for (HandlerMethod handler : handlers.getHandlerMethods().values()) {
            CommandEndpoint endpoint = handler.getMethodAnnotation(CommandEndpoint.class);
            if (endpoint != null) {
                Counter[] perOutcome = new Counter[OUTCOMES.length];
                for (int i = 0; i < OUTCOMES.length; i++) {
                    perOutcome[i] = Counter.builder(NAME)
                            .description("Commands answered, by command and outcome")
                            .tag("command", endpoint.value()).tag("outcome", OUTCOMES[i])
                            .register(registry);
                }
                byMethod.put(handler.getMethod(), perOutcome);
                byName.put(endpoint.value(), perOutcome);
            }
        }
        this.counters = Map.copyOf(byMethod);
        this.byCommand = Map.copyOf(byName);
    }

    /** Counts an answer of {@code status} to {@code command} (a {@link CommandEndpoint}'s name). */
    void count(String command, int status) {
        Counter[] perOutcome = byCommand.get(command);
        if (perOutcome == null) {
            throw new IllegalArgumentException("no command endpoint is named " + command);
        }
        perOutcome[outcome(status)].increment();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                        Exception unhandled) {
                if (handler instanceof HandlerMethod method) {
                    Counter[] perOutcome = counters.get(method.getMethod());
                    if (perOutcome != null) {
                        perOutcome[unhandled != null ? FAILED : outcome(response.getStatus())].increment();
                    }
                }
            }
        });
    }

    static int outcome(int status) {
        if (status < 400) {
            return ACCEPTED;
        }
        if (status == 403) {
            return FORBIDDEN;
        }
        if (status == 409 || status == 412) {
            return CONFLICT;
        }
        return status < 500 ? REJECTED : FAILED;
    }
}
