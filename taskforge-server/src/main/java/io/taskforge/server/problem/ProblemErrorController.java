package io.taskforge.server.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what reaches the servlet container's error page (failures outside Spring MVC: a request
 * Tomcat rejects, a filter that fails) as problem+json too, in place of Spring Boot's error JSON.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemDetail problem;
        if (error instanceof RequestTooLargeException tooLarge) {
            problem = ProblemHandler.tooLarge(tooLarge);
        } else {
            String detail = status.is5xxServerError()
                    ? "the server failed unexpectedly; the error is in its log"
                    : status.getReasonPhrase();
            problem = Problems.of(status, null, status.getReasonPhrase(), detail);
        }
        Problems.typed(problem);
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
