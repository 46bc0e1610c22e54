package io.workspaces.common.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A list answered in pages ({@code page}, {@code page_size}, {@code sort}); documents those parameters. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Paged {

    /** The sort keys, the default first. */
    String[] sorts();
}
