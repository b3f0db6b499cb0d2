package io.taskforge.server.auth;

import io.taskforge.auth.Role;
import io.taskforge.auth.Tenant;
import io.taskforge.server.problem.Problems;
import java.util.Collection;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Code execution is an ADMIN action: writing a script, or submitting a task whose payload is a
 * command ({@code shell}). A tenant may grant it to its OPERATORs ({@code operatorCode}).
 */
@Component
public class CodePermission {
    /** Task types whose payload is code the worker runs as given. */
    static final Set<String> CODE_TYPES = Set.of("shell");

    private final CurrentCaller current;
    private final AccessCache cache;

    CodePermission(CurrentCaller current, AccessCache cache) {
        this.current = current;
        this.cache = cache;
    }

    static boolean mayWriteCode(Caller caller, AccessCache cache) {
        if (caller.may(Role.ADMIN)) {
            return true;
        }
        return caller.may(Role.OPERATOR)
                && caller.tenantId() != null
                && cache.tenant(caller.tenantId()).map(Tenant::operatorCode).orElse(false);
    }

    /**
     * Refuses (403) when any of {@code types} runs code and the caller may not write code.
     *
     * @throws ErrorResponseException 403 problem naming the type
     */
    public void checkTaskTypes(Collection<String> types) {
        for (String type : types) {
            if (type != null && CODE_TYPES.contains(type) && !mayWriteCode(current.caller(), cache)) {
                Caller c = current.caller();
                throw new ErrorResponseException(
                        HttpStatus.FORBIDDEN,
                        Problems.of(
                                HttpStatus.FORBIDDEN,
                                "code-execution-forbidden",
                                "Forbidden",
                                "a '" + type + "' task runs a command: only ADMINs of tenant '" + c.tenantId()
                                        + "' may submit one (the tenant's operatorCode setting lets OPERATORs too)"),
                        null);
            }
        }
    }
}
