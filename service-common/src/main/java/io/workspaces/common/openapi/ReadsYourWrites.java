package io.workspaces.common.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read that waits for a consistency token ({@code X-Consistency-Token} header or {@code after} parameter);
 * documents both, and the 503 it answers when the read models do not reach it in time.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReadsYourWrites {
}
