package io.workspaces.command.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.security.ShortcutRoute;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The membership write answered ahead of Spring MVC (docs/performance.md): a member's PUT. */
@Configuration(proxyBeanMethods = false)
class MembershipShortcutRoutes {

    @Bean
    ShortcutRoute<MemberRequest> grantRoleRoute(MembershipController controller, ObjectMapper json) {
        return ShortcutRoute.of("PUT", "/v1/workspaces/{ref}/members/{principal}", "grant_role", List.of(),
                MemberRequest.class, MembershipView.class, json,
                (path, body, ifMatch, context) -> controller.put(path.group(1), path.group(2), body, ifMatch, context));
    }
}
