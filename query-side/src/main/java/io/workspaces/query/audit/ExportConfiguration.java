package io.workspaces.query.audit;

import com.zaxxer.hikari.HikariDataSource;
import io.workspaces.common.StartupRefusedException;
import io.workspaces.query.readdb.ReadRoute;
import io.workspaces.query.readdb.ReadRoutingDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import javax.sql.DataSource;
import java.util.List;

/**
 * The threads that write audit exports: Spring MVC's executor for streamed responses (exports are the query
 * side's only ones), one thread per export the node may run at once ({@link AuditExports} admits no more).
 */
@Configuration(proxyBeanMethods = false)
class ExportConfiguration {

    static final String EXPORT_WRITERS = "auditExportWriters";

    @Bean(name = EXPORT_WRITERS, defaultCandidate = false)
    ThreadPoolTaskExecutor auditExportWriters(ExportProperties properties, DataSource dataSource) {
        List<HikariDataSource> pools = dataSource instanceof ReadRoutingDataSource routing ? routing.pools()
                : dataSource instanceof HikariDataSource pool ? List.of(pool) : List.of();
        for (HikariDataSource pool : pools) {
            if (properties.maxConcurrent() >= pool.getMaximumPoolSize()) {
                throw new StartupRefusedException("WORKSPACES_EXPORT_MAX_CONCURRENT (" + properties.maxConcurrent()
                        + ") must be below the connection pool (" + (pool == pools.get(0) ? "WORKSPACES_DB_POOL_SIZE"
                        : "WORKSPACES_READ_DB_POOL_SIZE") + ", " + pool.getMaximumPoolSize()
                        + "): each export holds a connection while it streams, and the rest of the service needs some.");
            }
        }
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        // an export is written on this executor: it reads from the database its request reads from
        executor.setTaskDecorator(ReadRoute::propagating);
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
