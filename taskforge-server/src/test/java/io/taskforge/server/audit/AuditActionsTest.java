package io.taskforge.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

/** Action names come from the controller and method, and {@link Audited} overrides them. */
class AuditActionsTest {

    static class PipelineRunController {
        public void retryFailed() {}

        @Audited(action = "pipeline_run.kill", targetType = "run")
        public void cancel() {}
    }

    @Audited(resource = "worker", targetType = "task")
    static class RemoteWorkerController {
        public void complete() {}

        @Audited(recorded = false)
        public void heartbeat() {}
    }

    static AuditActions.Action action(Object controller, String method) throws Exception {
        Method m = controller.getClass().getMethod(method);
        return AuditActions.derive(new HandlerMethod(controller, m));
    }

    @Test
    void names_are_the_resource_and_the_verb_in_snake_case() throws Exception {
        assertThat(action(new PipelineRunController(), "retryFailed"))
                .isEqualTo(new AuditActions.Action("pipeline_run.retry_failed", "pipeline_run", true));
    }

    @Test
    void the_annotation_overrides_the_name_target_type_and_whether_it_is_recorded() throws Exception {
        assertThat(action(new PipelineRunController(), "cancel"))
                .isEqualTo(new AuditActions.Action("pipeline_run.kill", "run", true));
        assertThat(action(new RemoteWorkerController(), "complete"))
                .isEqualTo(new AuditActions.Action("worker.complete", "task", true));
        assertThat(action(new RemoteWorkerController(), "heartbeat").recorded()).isFalse();
    }
}
