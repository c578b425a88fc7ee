package org.patrolmap;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the annotated class, method or field use an API that the build's forbidden-apis check
 * forbids (System.out, a JDK-specific class…). Each use says why it is the right call there.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.CONSTRUCTOR, ElementType.METHOD, ElementType.FIELD})
public @interface SuppressForbidden {
  /** Why the forbidden API is right here. */
  String reason();
}
