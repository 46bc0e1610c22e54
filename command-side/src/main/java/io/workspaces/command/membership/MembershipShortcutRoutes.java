package io.workspaces.command.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.security.ShortcutRoute;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

import java.util.List;

/** The membership write answered ahead of Spring MVC (docs/performance-log.md): a member's PUT, an idempotent write. */
@Configuration(proxyBeanMethods = false)
class MembershipShortcutRoutes {

    @Bean
    ShortcutRoute<MemberRequest> grantRoleRoute(MembershipController controller, ObjectMapper json) {
        return ShortcutRoute.of("PUT", "/v1/workspaces/{ref}/members/{principal}", "grant_role", List.of(),
                List.of(HttpHeaders.IF_MATCH), MemberRequest.class, MembershipView.class, json, ShortcutRoute.IDEMPOTENT,
                (path, body, request, context) -> controller.put(path.group(1), path.group(2), body,
                        request.getHeader(HttpHeaders.IF_MATCH), context));
    }
}
