package io.workspaces.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/** JSON responses of both sides: Spring Boot's mapper and converter, bodies sent with their length. */
@Configuration(proxyBeanMethods = false)
class JsonResponseConfiguration {

    /** Replaces Spring Boot's converter (same mapper, same media types, same place among the converters). */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper objectMapper) {
        return new SizedJsonConverter(objectMapper);
    }
}
