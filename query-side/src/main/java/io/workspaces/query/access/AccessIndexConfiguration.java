package io.workspaces.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.access.AccessIndex;
import io.workspaces.common.security.BearerCallers;
import io.workspaces.common.security.ShortcutAnswers;
import io.workspaces.common.web.BodySizeLimitFilter;
import io.workspaces.query.consistency.ReadYourWrites;
import io.workspaces.query.projection.ProjectionConfiguration.ProjectionsAdvanced;
import io.workspaces.query.projection.RetryingProjectionErrors;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/**
 * The access index of this node: loaded from the read model at start ({@link AccessIndexLoader}), then kept
 * current by a processor of its own that follows the whole event stream on every node, whatever projection
 * segments the node processes. Its token lives in memory only (the index is rebuilt at every start) and it needs no
 * transactions. Each of its moves wakes the reads waiting for a consistency token.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class AccessIndexConfiguration {

    public static final String PROCESSOR = "access-index";

    @Bean
    AccessIndex accessIndex() {
        return new AccessIndex();
    }

    @Bean
    ConfigurerModule accessIndexProcessor(ObjectProvider<AccessIndexLoader> loader, ProjectionsAdvanced advanced,
                                          @Value("${workspaces.access-index.batch-size:500}") int batchSize) {
        EventTrackerStatusChangeListener wakeReaders = new EventTrackerStatusChangeListener() {
            @Override
            public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedTrackerStatus) {
                advanced.signal().fire();
            }

            @Override
            public boolean validatePositions() {
                return true;
            }
        };
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(PROCESSOR, Configuration::eventStore,
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(source -> loader.getObject().startToken())
                                .andEventTrackerStatusChangeListener(wakeReaders))
                .registerTokenStore(PROCESSOR, axon -> new InMemoryTokenStore())
                .registerTransactionManager(PROCESSOR, axon -> NoTransactionManager.INSTANCE)
                .registerListenerInvocationErrorHandler(PROCESSOR, axon -> new RetryingProjectionErrors(PROCESSOR)));
    }

    /**
     * {@code POST /v1/access/check} answered ahead of the security filter chain and Spring MVC when the request is an
     * ordinary one ({@link AccessCheckShortcut}); {@code workspaces.access-check.shortcut=false} sends every request
     * the long way.
     */
    @Bean
    @ConditionalOnProperty(name = "workspaces.access-check.shortcut", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<AccessCheckShortcut> accessCheckShortcut(AccessCheckController controller,
                                                                    ReadYourWrites readYourWrites,
                                                                    BearerCallers callers, ShortcutAnswers answers,
                                                                    ObjectMapper json) {
        FilterRegistrationBean<AccessCheckShortcut> registration = new FilterRegistrationBean<>(new AccessCheckShortcut(
                controller, readYourWrites, callers, answers, json, BodySizeLimitFilter.ACCESS_CHECK_LIMIT_BYTES));
        registration.addUrlPatterns(AccessCheckShortcut.PATH);
        registration.setOrder(ShortcutAnswers.FILTER_ORDER);
        return registration;
    }
}
