package io.workspaces.common.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an endpoint answers, for its OpenAPI description: the success status and the problem statuses that are
 * its own. Every {@code /v1} operation also answers 401, 500 and 503; one that takes a body also 400, 413, 415
 * and 422 (see {@link ApiDocumentation}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Answers {

    /** The success status. */
    int value() default 200;

    /** What the success means, e.g. "added" for a 201. */
    String success() default "";

    /** Other success statuses, e.g. 200 for a PUT that answers 201 when it creates. */
    int[] alsoSucceeds() default {};

    /** The endpoint's own problem statuses (403, 404, 409, 412, 422 ...). */
    int[] problems() default {};
}
