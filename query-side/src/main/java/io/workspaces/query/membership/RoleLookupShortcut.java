package io.workspaces.query.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.workspaces.common.security.BearerCallers;
import io.workspaces.common.security.Caller;
import io.workspaces.common.security.ShortcutAnswers;
import io.workspaces.query.consistency.ReadYourWrites;
import io.workspaces.query.membership.MembershipQueryController.RoleLookup;
import io.workspaces.query.web.Page;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/principals/{principal}/workspaces} answered without the security filter chain and Spring MVC, as
 * {@code POST /v1/access/check} is (docs/performance-log.md): it answers only an ordinary request (one the chain's
 * firewall lets through, plain HTTP, no {@code Origin}, a JSON or absent {@code Accept}, a principal of letters,
 * digits and {@code . _ @ + -} that needs no decoding or normalizing, a bearer token that verifies), with parameters
 * and a caller the controller's rules accept, and no consistency token the access index has not passed yet.
 * Everything else, and every refusal, goes on to the filter chain and the controller, whose answer this one is byte
 * for byte (the same rules, {@link MembershipQueryController#validateAndAuthorize}, and the same headers).
 */
final class RoleLookupShortcut implements Filter {

    static final String URL_PATTERN = "/v1/principals/*";
    static final String PATH_PATTERN = "/v1/principals/{principal}/workspaces";
    private static final Pattern PATH = Pattern.compile("/v1/principals/([A-Za-z0-9][A-Za-z0-9._@+-]{0,254})/workspaces");

    private final MembershipQueryController controller;
    private final ReadYourWrites readYourWrites;
    private final BearerCallers callers;
    private final ShortcutAnswers answers;
    private final ObjectWriter responses;
    private final LongAdder answered = new LongAdder();

    RoleLookupShortcut(MembershipQueryController controller, ReadYourWrites readYourWrites, BearerCallers callers,
                       ShortcutAnswers answers, ObjectMapper json) {
        this.controller = controller;
        this.readYourWrites = readYourWrites;
        this.callers = callers;
        this.answers = answers;
        this.responses = json.writerFor(Page.class);
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest original = (HttpServletRequest) servletRequest;
        Matcher path = "GET".equals(original.getMethod()) ? PATH.matcher(original.getRequestURI()) : null;
        HttpServletRequest request = path != null && path.matches() ? answers.ordinaryOrNull(original) : null;
        Caller caller = request == null ? null : callers.callerOrNull(request);
        Page<RoleGrant> answer = caller == null ? null : answer(request, path.group(1), caller);
        if (answer == null) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        answers.writeJson(request, (HttpServletResponse) servletResponse, PATH_PATTERN,
                responses.writeValueAsBytes(answer));
        answered.increment();
    }

    /** The requests this answers since the start. */
    long answered() {
        return answered.sum();
    }

    /** The answer, or null when the controller's rules refuse the request or it must wait. */
    private Page<RoleGrant> answer(HttpServletRequest request, String principal, Caller caller) {
        try {
            RoleLookup lookup = controller.validateAndAuthorize(principal, request, caller);
            if (!readYourWrites.accessIndexPassedWithoutWaiting(request, null)) {
                return null;
            }
            return controller.answer(lookup);
        } catch (RuntimeException refused) {
            // an invalid parameter, a forbidden principal: the controller's path answers it
            return null;
        }
    }
}
