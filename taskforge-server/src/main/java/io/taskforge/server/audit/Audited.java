package io.taskforge.server.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the state-changing requests (POST, PUT, PATCH, DELETE) a controller serves appear in the audit
 * log. Without it every such endpoint is recorded as {@code <resource>.<verb>}: the resource is the
 * controller's name without {@code Controller} ({@code PipelineRunController} → {@code
 * pipeline_run}), the verb the handler method's ({@code retryFailed} → {@code retry_failed}), and the
 * target the path variables ({@code {id}}, {@code {name}}, ...) or, for a create, the new resource
 * named by the answer's {@code Location}. A new endpoint is therefore covered without a list to keep.
 *
 * <p>On a controller class it sets the resource and target type for all its methods; on a method it
 * overrides the class. Leaving an endpoint out ({@code recorded = false}) needs a reason in a
 * comment beside it: the audit log records every change.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Audited {
    /** The first part of action names; empty: derived from the controller's name. */
    String resource() default "";

    /** The whole action name ({@code task.cancel}); empty: {@code <resource>.<method name>}. */
    String action() default "";

    /** What the path variables name ({@code task}); empty: the resource. */
    String targetType() default "";

    /** False leaves the endpoint out of the audit log. */
    boolean recorded() default true;
}
