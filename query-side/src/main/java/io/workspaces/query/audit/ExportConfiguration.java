package io.workspaces.query.audit;

import com.zaxxer.hikari.HikariDataSource;
import io.workspaces.common.StartupRefusedException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import javax.sql.DataSource;

/**
 * The threads that write audit exports: Spring MVC's executor for streamed responses (exports are the query
 * side's only ones), one thread per export the node may run at once ({@link AuditExports} admits no more).
 */
@Configuration(proxyBeanMethods = false)
class ExportConfiguration {

    static final String EXPORT_WRITERS = "auditExportWriters";

    @Bean(name = EXPORT_WRITERS, defaultCandidate = false)
    ThreadPoolTaskExecutor auditExportWriters(ExportProperties properties, DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool && properties.maxConcurrent() >= pool.getMaximumPoolSize()) {
            throw new StartupRefusedException("WORKSPACES_EXPORT_MAX_CONCURRENT (" + properties.maxConcurrent()
                    + ") must be below the connection pool (WORKSPACES_DB_POOL_SIZE, " + pool.getMaximumPoolSize()
                    + "): each export holds a connection while it streams, and the rest of the service needs some.");
        }
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("audit-export-");
        executor.setCorePoolSize(properties.maxConcurrent());
        executor.setMaxPoolSize(properties.maxConcurrent());
        return executor;
    }

    @Bean
    WebMvcConfigurer streamedResponsesOnExportWriters(@Qualifier(EXPORT_WRITERS) AsyncTaskExecutor writers) {
        return new WebMvcConfigurer() {
            @Override
            public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
                configurer.setTaskExecutor(writers);
            }
        };
    }
}
