package io.workspaces.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.workspaces.common.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write the command side answers ahead of the filter chain and Spring MVC (its {@code CommandShortcut}): its method,
 * its path (a pattern whose groups are the path's variables, which must not match what Spring MVC would decode or
 * split: {@code /}, {@code %}, {@code ;}) and the pattern Spring MVC maps it by, the {@code CommandEndpoint} name
 * it is counted under, the JSON media types it accepts besides {@code application/json}, the request headers the
 * controller method reads (a request with two of one goes the long way: Spring MVC would join them into one value),
 * the failures the long way may decide once more, and the controller method that handles it.
 */
public record ShortcutRoute<B>(String method, Pattern path, String pathPattern, String command,
                               List<String> otherJsonTypes, List<String> headers, ObjectReader body,
                               ObjectWriter answer, Predicate<Exception> decidedAgain, Handler<B> handler) {

    /** A path variable as this route may match it: a whole segment, nothing decoded, no matrix parameter. */
    public static final String SEGMENT = "([^/%;]+)";

    /**
     * The failures of an idempotent write (a PUT, a PATCH that sets values): all of them. Even one whose commit's
     * outcome is unknown may be sent again, so the long way decides it once more and its answer is the API's.
     */
    public static final Predicate<Exception> IDEMPOTENT = failure -> true;

    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

    /**
     * The controller method: the path's variables (groups of {@code path}), the body, the request (whose headers of
     * {@link #headers()} appear at most once), the caller.
     */
    public interface Handler<B> {
        ResponseEntity<?> handle(Matcher path, B body, HttpServletRequest request, RequestContext context);
    }

    /**
     * The route of Spring MVC's {@code pathPattern} (e.g. {@code /v1/workspaces/{ref}}), bodies read by {@code json}.
     * {@code decidedAgain}: the failures after which the request goes on to the filter chain and Spring MVC, to be
     * decided once more ({@link #IDEMPOTENT}, or for a write that must not run twice, the refusals decided before
     * anything was written); the shortcut answers any other failure as Spring MVC's exception handlers would.
     */
    public static <B> ShortcutRoute<B> of(String method, String pathPattern, String command, List<String> otherJsonTypes,
                                          List<String> headers, Class<B> body, Class<?> answer, ObjectMapper json,
                                          Predicate<Exception> decidedAgain, Handler<B> handler) {
        StringBuilder path = new StringBuilder();
        Matcher variable = VARIABLE.matcher(pathPattern);
        int literal = 0;
        while (variable.find()) {
            path.append(Pattern.quote(pathPattern.substring(literal, variable.start()))).append(SEGMENT);
            literal = variable.end();
        }
        path.append(Pattern.quote(pathPattern.substring(literal)));
        return new ShortcutRoute<>(method, Pattern.compile(path.toString()), pathPattern, command,
                List.copyOf(otherJsonTypes), List.copyOf(headers), json.readerFor(body), json.writerFor(answer),
                decidedAgain, handler);
    }
}
