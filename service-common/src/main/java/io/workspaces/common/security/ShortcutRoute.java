package io.workspaces.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.workspaces.common.web.RequestContext;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write the command side answers ahead of the filter chain and Spring MVC (its {@code CommandShortcut}): its method,
 * its path (a pattern whose groups are the path's variables, which must not match what Spring MVC would decode or
 * split: {@code /}, {@code %}, {@code ;}) and the pattern Spring MVC maps it by, the {@code CommandEndpoint} name
 * it is counted under, the JSON media types it accepts besides {@code application/json}, and the controller method
 * that handles it.
 */
public record ShortcutRoute<B>(String method, Pattern path, String pathPattern, String command,
                               List<String> otherJsonTypes, ObjectReader body, ObjectWriter answer, Handler<B> handler) {

    /** A path variable as this route may match it: a whole segment, nothing decoded, no matrix parameter. */
    public static final String SEGMENT = "([^/%;]+)";

    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

    /** The controller method: the path's variables (groups of {@code path}), the body, If-Match, the caller. */
    public interface Handler<B> {
        ResponseEntity<?> handle(Matcher path, B body, String ifMatch, RequestContext context);
    }

    /** The route of Spring MVC's {@code pathPattern} (e.g. {@code /v1/workspaces/{ref}}), bodies read by {@code json}. */
    public static <B> ShortcutRoute<B> of(String method, String pathPattern, String command, List<String> otherJsonTypes,
                                          Class<B> body, Class<?> answer, ObjectMapper json, Handler<B> handler) {
        StringBuilder path = new StringBuilder();
        Matcher variable = VARIABLE.matcher(pathPattern);
        int literal = 0;
        while (variable.find()) {
            path.append(Pattern.quote(pathPattern.substring(literal, variable.start()))).append(SEGMENT);
            literal = variable.end();
        }
        path.append(Pattern.quote(pathPattern.substring(literal)));
        return new ShortcutRoute<>(method, Pattern.compile(path.toString()), pathPattern, command,
                List.copyOf(otherJsonTypes), json.readerFor(body), json.writerFor(answer), handler);
    }
}
