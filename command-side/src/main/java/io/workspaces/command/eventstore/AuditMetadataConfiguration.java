package io.workspaces.command.eventstore;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditMetadataConfiguration {

    @Bean
    public CorrelationDataProvider auditMetadataProvider() {
        return new AuditMetadataProvider();
    }
}
