package org.lavasoftware.deploy.dsl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a DSL primitive and carries its reference documentation: the shell's {@code help} and
 * the generated DSL reference read it from here, so the two cannot drift from the code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Primitive {
    /** What the primitive does, in one or two sentences. */
    String value();

    /** The parameters, one "name: meaning" per entry. */
    String[] params() default {};

    /** A line (or a few) of recipe using it; run by a spec in dry-run. */
    String example();
}
