package io.workspaces.query.audit;

import io.workspaces.events.Principal;
import io.workspaces.query.web.ResponseSlots;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * The audit exports of this node: at most {@code max-concurrent} at once and {@code max-per-principal} for one
 * principal, each counted from before its count query until its response has ended, however it ends. A client
 * that stops reading fails the export's write after the server's write timeout; the export then ends, and its
 * cursor's transaction with it, so the connection goes back to the pool.
 */
@Component
class AuditExports {

    private static final Logger log = LoggerFactory.getLogger(AuditExports.class);

    private final AuditLog auditLog;
    private final ResponseSlots slots;

    AuditExports(AuditLog auditLog, ExportProperties properties) {
        this.auditLog = auditLog;
        this.slots = new ResponseSlots(properties.maxConcurrent(), properties.maxPerPrincipal());
    }

    /** An export admitted for {@code principal}: how many lines it will have, and the body that writes them. */
    record Export(long count, StreamingResponseBody body) {
    }

    /** Admits an export of {@code request} for {@code principal}, or refuses it (503) when no slot is free. */
    Export start(Principal principal, HttpServletRequest request, AuditFilter filter, long startAfter) {
        ResponseSlots.Slot slot = slots.take(principal, TooManyExportsException::new);
        try {
            long count = auditLog.count(filter, startAfter);
            WebAsyncUtils.getAsyncManager(request).registerCallableInterceptor(AuditExports.class.getName(),
                    new CallableProcessingInterceptor() {
                        @Override
                        public <T> void afterCompletion(NativeWebRequest webRequest, Callable<T> task) {
                            slot.release();
                        }
                    });
            StreamingResponseBody body = out -> {
                try {
                    auditLog.export(filter, startAfter, out);
                } catch (UncheckedIOException clientGone) {
                    log.info("audit export ended early: the client went away or stopped reading");
                    throw clientGone.getCause();
                } finally {
                    slot.release();
                }
            };
            return new Export(count, body);
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
    }
}
