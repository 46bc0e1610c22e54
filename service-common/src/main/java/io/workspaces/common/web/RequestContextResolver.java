package io.workspaces.common.web;

import io.workspaces.events.Principal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Supplies a {@link RequestContext} parameter to controller methods: the caller plus the request's ids. */
@Component
public class RequestContextResolver implements HandlerMethodArgumentResolver {

    private final DevAuthProperties devAuth;

    public RequestContextResolver(DevAuthProperties devAuth) {
        this.devAuth = devAuth;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return RequestContext.class.equals(parameter.getParameterType());
    }

    @Override
    public RequestContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                          NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return new RequestContext(caller(request), RequestIdFilter.requestId(request),
                RequestIdFilter.correlationId(request), request.getRemoteAddr());
    }

    private Principal caller(HttpServletRequest request) {
        if (!devAuth.enabled()) {
            throw new UnauthenticatedException("no authentication is configured on this server; for local "
                    + "development start it with WORKSPACES_DEV_AUTH=true and send the "
                    + DevAuthProperties.HEADER + " header");
        }
        String principal = request.getHeader(DevAuthProperties.HEADER);
        if (principal == null || principal.isBlank()) {
            throw new UnauthenticatedException("send the acting principal in the " + DevAuthProperties.HEADER
                    + " header (development authentication)");
        }
        String problem = Principal.problemWith(principal);
        if (problem != null || "*".equals(principal)) {
            throw new UnauthenticatedException(DevAuthProperties.HEADER + " is not a valid principal: "
                    + (problem != null ? problem : "'*' cannot act"));
        }
        return new Principal(principal);
    }
}
