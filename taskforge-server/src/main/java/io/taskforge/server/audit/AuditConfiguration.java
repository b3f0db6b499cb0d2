package io.taskforge.server.audit;

import io.taskforge.audit.AuditStore;
import io.taskforge.server.auth.CurrentCaller;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The audit log and the two filters that feed it. The recording filter is the outermost of the API's
 * own filters (before the request size limit and any security filter chain, whose refusals it
 * records too); the capture filter is among the innermost, after authentication, where the caller is
 * known. The log is closed, and so flushed, before the store it writes to: it depends on it.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {
    /** Before the request size limit ({@code HIGHEST_PRECEDENCE + 10}). */
    static final int RECORDING_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
    /** After Spring Security's filter chain (order -100 unless configured otherwise). */
    static final int CAPTURE_ORDER = 0;

    @Bean(destroyMethod = "close")
    AuditLog auditLog(AuditStore store) {
        return new AuditLog(store, Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<AuditRecordingFilter> taskforgeAuditRecording(
            AuditLog auditLog,
            CurrentCaller currentCaller,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> mapping) {
        var registration = new FilterRegistrationBean<>(
                new AuditRecordingFilter(auditLog, new AuditActions(mapping::getIfAvailable), currentCaller));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(RECORDING_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CallerCaptureFilter> taskforgeAuditCallerCapture(CurrentCaller currentCaller) {
        var registration = new FilterRegistrationBean<>(new CallerCaptureFilter(currentCaller));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(CAPTURE_ORDER);
        return registration;
    }
}
